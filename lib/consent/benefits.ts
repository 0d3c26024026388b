import "server-only";
import { and, count, eq, gt, gte, inArray, isNotNull, isNull, notInArray, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  disclosures,
  loyaltyAccounts,
  loyaltyTransactions,
  messagesSent,
  orders,
  type BenefitMetric,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope, type CustomerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { invoicesKeptFrom, osloToday } from "@/lib/retention/invoice-retention";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A figure computed from the customer's own data; the page words it per metric. */
export type ComputedBenefit =
  | { metric: "orders_delivered"; orders: number; savedAddress: number }
  | { metric: "receipts_kept"; receipts: number }
  | { metric: "loyalty_points"; earned: number; balance: number }
  | { metric: "sms_updates"; messages: number }
  | { metric: "newsletters"; messages: number }
  | { metric: "offer_savings"; savedOre: number }
  | { metric: "partner_notifications"; notifications: number };

type PurposeRef = { key: string; benefitMetric: BenefitMetric | null };

/**
 * What each purpose concretely gave this customer over the last 12 months, from their own
 * rows. Returned and cancelled orders and the points of a reversed purchase never count —
 * except for receipts, which are every order whose invoice the Bookkeeping Act keeps (the
 * erasure's own rule, `mustKeepInvoice`: a returned order's invoice is kept too). A purpose
 * whose figure is zero, or that names no metric, gets none: the page then shows the
 * declared benefit only.
 */
export async function computeBenefits(
  actor: Actor | null,
  purposeRefs: PurposeRef[],
  now: Date = new Date(),
): Promise<Map<string, ComputedBenefit>> {
  return computeBenefitsOf(assertCustomer(actor, "consent.read.own"), purposeRefs, now);
}

/** As computeBenefits, for a scope the caller already holds (the studio preview's system scope). */
export async function computeBenefitsOf(
  customer: CustomerScope,
  purposeRefs: PurposeRef[],
  now: Date = new Date(),
): Promise<Map<string, ComputedBenefit>> {
  const metrics = new Set(purposeRefs.map((p) => p.benefitMetric).filter(Boolean));
  const result = new Map<string, ComputedBenefit>();
  if (metrics.size === 0) return result;

  const db = await getDb();
  const yearAgo = new Date(now.getTime() - 365 * DAY_MS);
  // Orders placed from here on have their invoices kept (bookkeeping); it is more than a year back.
  const invoicesFrom = invoicesKeptFrom(osloToday(now));
  // A raw Date inside sql`` is not serialised by postgres.js: pass an ISO string.
  const since = sql`${yearAgo.toISOString()}::timestamptz`;
  const none = Promise.resolve([]);
  // Orders whose points do not stand: returned or cancelled, or taken back.
  const undone = db
    .select({ orderNumber: orders.orderNumber })
    .from(orders)
    .where(and(customerScope(orders, customer), inArray(orders.status, ["returned", "cancelled"])))
    .union(
      db
        .select({ orderNumber: sql<string>`${loyaltyTransactions.orderNumber}` })
        .from(loyaltyTransactions)
        .where(
          and(
            customerScope(loyaltyTransactions, customer),
            eq(loyaltyTransactions.reason, "reversed"),
            isNotNull(loyaltyTransactions.orderNumber),
          ),
        ),
    );
  // Only what really happened counts: a returned or cancelled order gave the customer
  // nothing, and points taken back were never theirs.
  const kept = sql`${orders.status} not in ('returned', 'cancelled')`;
  const [orderFigures, loyalty, messages, disclosed] = await Promise.all([
    metrics.has("orders_delivered") || metrics.has("receipts_kept") || metrics.has("offer_savings")
      ? db
          .select({
            delivered:
              sql<number>`count(*) filter (where ${orders.status} = 'delivered' and ${orders.placedAt} > ${since})`.mapWith(
                Number,
              ),
            savedAddress:
              sql<number>`count(*) filter (where ${orders.usedSavedAddress} and ${kept} and ${orders.placedAt} > ${since})`.mapWith(
                Number,
              ),
            savedOre:
              sql<number>`coalesce(sum(${orders.offerSavingOre}) filter (where ${kept} and ${orders.placedAt} > ${since}), 0)`.mapWith(
                Number,
              ),
            receipts: count(),
          })
          .from(orders)
          .where(and(customerScope(orders, customer), gte(orders.placedAt, invoicesFrom)))
      : none,
    metrics.has("loyalty_points")
      ? db
          .select({
            earned: sql<number>`coalesce(sum(${loyaltyTransactions.points}), 0)`.mapWith(Number),
            balance:
              sql<number>`(select ${loyaltyAccounts.pointsBalance} from ${loyaltyAccounts} where ${customerScope(loyaltyAccounts, customer)})`.mapWith(
                Number,
              ),
          })
          .from(loyaltyTransactions)
          .where(
            and(
              customerScope(loyaltyTransactions, customer),
              gt(loyaltyTransactions.occurredAt, yearAgo),
              gt(loyaltyTransactions.points, 0),
              or(isNull(loyaltyTransactions.orderNumber), notInArray(loyaltyTransactions.orderNumber, undone)),
            ),
          )
      : none,
    metrics.has("sms_updates") || metrics.has("newsletters")
      ? db
          .select({ purposeKey: messagesSent.purposeKey, channel: messagesSent.channel, n: count() })
          .from(messagesSent)
          .where(and(customerScope(messagesSent, customer), gt(messagesSent.sentAt, yearAgo)))
          .groupBy(messagesSent.purposeKey, messagesSent.channel)
      : none,
    metrics.has("partner_notifications")
      ? db
          .select({ purposeKey: disclosures.purposeKey, n: count() })
          .from(disclosures)
          .where(and(customerScope(disclosures, customer), gt(disclosures.disclosedAt, yearAgo)))
          .groupBy(disclosures.purposeKey)
      : none,
  ]);
  const o = orderFigures[0];
  const l = loyalty[0];
  const sent = (purposeKey: string, channel: string) =>
    messages.find((m) => m.purposeKey === purposeKey && m.channel === channel)?.n ?? 0;

  for (const { key, benefitMetric } of purposeRefs) {
    let benefit: ComputedBenefit | null = null;
    switch (benefitMetric) {
      case "orders_delivered":
        if (o && o.delivered > 0)
          benefit = { metric: benefitMetric, orders: o.delivered, savedAddress: o.savedAddress };
        break;
      case "receipts_kept":
        if (o && o.receipts > 0) benefit = { metric: benefitMetric, receipts: o.receipts };
        break;
      case "offer_savings":
        if (o && o.savedOre > 0) benefit = { metric: benefitMetric, savedOre: o.savedOre };
        break;
      case "loyalty_points":
        if (l && l.earned > 0) benefit = { metric: benefitMetric, earned: l.earned, balance: l.balance ?? 0 };
        break;
      case "sms_updates": {
        const n = sent(key, "sms");
        if (n > 0) benefit = { metric: benefitMetric, messages: n };
        break;
      }
      case "newsletters": {
        const n = sent(key, "email");
        if (n > 0) benefit = { metric: benefitMetric, messages: n };
        break;
      }
      case "partner_notifications": {
        const n = disclosed.find((d) => d.purposeKey === key)?.n ?? 0;
        if (n > 0) benefit = { metric: benefitMetric, notifications: n };
        break;
      }
      case null:
        break;
    }
    if (benefit) result.set(key, benefit);
  }
  return result;
}
