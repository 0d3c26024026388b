import "server-only";
import { asc, count, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { withdrawalReasons, type WithdrawalReasonCode } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";

export type WithdrawalReasonCount = { purposeKey: string; reason: WithdrawalReasonCode; count: number };

/** For the product team: how often each reason was given, per purpose. Anonymous by construction. */
export async function withdrawalReasonCounts(
  actor: Actor | null,
  options: { purposeKey?: string } = {},
): Promise<WithdrawalReasonCount[]> {
  assertStaff(actor, "withdrawal_reasons.read");
  const db = await getDb();
  const n = count();
  const rows = await db
    .select({ purposeKey: withdrawalReasons.purposeKey, reason: withdrawalReasons.reason, count: n })
    .from(withdrawalReasons)
    .where(options.purposeKey === undefined ? undefined : eq(withdrawalReasons.purposeKey, options.purposeKey))
    .groupBy(withdrawalReasons.purposeKey, withdrawalReasons.reason)
    .orderBy(asc(withdrawalReasons.purposeKey), asc(withdrawalReasons.reason));
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}
