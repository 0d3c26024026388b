import "server-only";
import { and } from "drizzle-orm";
import { getDb } from "@/db";
import { loyaltyAccounts, loyaltyTransactions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { keyset, type ListQuery, type Page } from "@/lib/pagination/keyset";

export type LoyaltyAccountDto = {
  memberNumber: string;
  tier: (typeof loyaltyAccounts.tier.enumValues)[number];
  pointsBalance: number;
  joinedAt: Date;
};
export type LoyaltyTransactionDto = {
  id: string;
  occurredAt: Date;
  points: number;
  reason: (typeof loyaltyTransactions.reason.enumValues)[number];
  orderNumber: string | null;
};

/** The signed-in customer's loyalty membership and its transactions, newest first, 25 a page. */
export async function listLoyalty(
  actor: Actor | null,
  query: ListQuery,
): Promise<{ account: LoyaltyAccountDto | null; transactions: Page<LoyaltyTransactionDto> }> {
  const customer = assertCustomer(actor, "data.read.own");
  const db = await getDb();
  const k = keyset({ time: loyaltyTransactions.occurredAt, id: loyaltyTransactions.id, idKind: "number", query });
  const [accounts, rows] = await Promise.all([
    db
      .select({
        memberNumber: loyaltyAccounts.memberNumber,
        tier: loyaltyAccounts.tier,
        pointsBalance: loyaltyAccounts.pointsBalance,
        joinedAt: loyaltyAccounts.joinedAt,
      })
      .from(loyaltyAccounts)
      .where(customerScope(loyaltyAccounts, customer))
      .limit(1),
    db
      .select({
        id: loyaltyTransactions.id,
        occurredAt: loyaltyTransactions.occurredAt,
        points: loyaltyTransactions.points,
        reason: loyaltyTransactions.reason,
        orderNumber: loyaltyTransactions.orderNumber,
        ...k.fields,
      })
      .from(loyaltyTransactions)
      .where(and(customerScope(loyaltyTransactions, customer), k.where))
      .orderBy(...k.orderBy)
      .limit(k.limit),
  ]);
  return {
    account: accounts[0] ?? null,
    transactions: k.page(rows, (r) => ({
      id: String(r.id),
      occurredAt: r.occurredAt,
      points: r.points,
      reason: r.reason,
      orderNumber: r.orderNumber,
    })),
  };
}
