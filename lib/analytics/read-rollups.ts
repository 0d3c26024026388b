import "server-only";
import { and, eq, gt, gte, lte, or, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import {
  consentRollupCurrent,
  consentRollupDaily,
  consentRollupMinute,
  customerRollupDaily,
  withdrawalReasonRollupDaily,
  type WithdrawalReasonCode,
  type ConsentAction,
} from "@/db/schema";

// The only readers of the consent rollups (db/schema/analytics.ts): sums over the slots,
// never a row of the raw consent log.

export type VersionActionCount = { purposeKey: string; version: number; action: ConsentAction; customers: number };
export type DailyMove = { day: string; version: number; action: ConsentAction; net: number };

/** Customers per purpose, version and last action, now. */
export async function readCurrentAnswers(db: Executor, purposeKey?: string): Promise<VersionActionCount[]> {
  const r = consentRollupCurrent;
  const rows = await db
    .select({
      purposeKey: r.purposeKey,
      version: r.purposeVersion,
      action: r.lastAction,
      customers: sql<number>`sum(${r.customers})`.mapWith(Number),
    })
    .from(r)
    .where(purposeKey === undefined ? undefined : eq(r.purposeKey, purposeKey))
    .groupBy(r.purposeKey, r.purposeVersion, r.lastAction);
  return rows;
}

/**
 * Net moves into each (version, action) per day: the days up to `upTo` (from the first, to
 * add up forwards) and the days after `after` (to undo from now backwards).
 */
export async function readDailyMoves(
  db: Executor,
  purposeKey: string,
  days: { upTo: string | null; after: string },
): Promise<DailyMove[]> {
  const r = consentRollupDaily;
  return db
    .select({
      day: r.day,
      version: r.purposeVersion,
      action: r.lastAction,
      net: sql<number>`sum(${r.entered} - ${r.exited})`.mapWith(Number),
    })
    .from(r)
    .where(
      and(
        eq(r.purposeKey, purposeKey),
        or(days.upTo === null ? undefined : lte(r.day, days.upTo), gt(r.day, days.after)),
      ),
    )
    .groupBy(r.day, r.purposeVersion, r.lastAction);
}

/** Customers now, and the net change per day from `fromDay` on. */
export async function readCustomerTotals(
  db: Executor,
  fromDay: string,
): Promise<{ total: number; daily: Map<string, number> }> {
  const r = customerRollupDaily;
  const rows = await db
    .select({ day: r.day, net: sql<number>`sum(${r.joined} - ${r.departed})`.mapWith(Number) })
    .from(r)
    .groupBy(r.day);
  let total = 0;
  const daily = new Map<string, number>();
  for (const row of rows) {
    total += row.net;
    if (row.day >= fromDay) daily.set(row.day, row.net);
  }
  return { total, daily };
}

/** Consent events per action in the last 60 minutes (this minute included). */
export async function readLastHourEvents(db: Executor, purposeKey: string): Promise<Map<ConsentAction, number>> {
  const r = consentRollupMinute;
  const rows = await db
    .select({ action: r.lastAction, events: sql<number>`sum(${r.events})`.mapWith(Number) })
    .from(r)
    .where(and(eq(r.purposeKey, purposeKey), sql`${r.minute} > now() - interval '1 hour'`))
    .groupBy(r.lastAction);
  return new Map(rows.map((row) => [row.action, row.events]));
}

/** The anonymous withdrawal reasons given for a purpose from `fromDay` on, per reason. */
export async function readWithdrawalReasons(
  db: Executor,
  purposeKey: string,
  fromDay: string,
): Promise<{ reason: WithdrawalReasonCode; n: number }[]> {
  const r = withdrawalReasonRollupDaily;
  return db
    .select({ reason: r.reason, n: sql<number>`sum(${r.reasons})`.mapWith(Number) })
    .from(r)
    .where(and(eq(r.purposeKey, purposeKey), gte(r.day, fromDay)))
    .groupBy(r.reason);
}

/** Minutes older than a day serve no figure; the hourly maintenance drops them. */
export async function pruneConsentMinutes(db: Executor): Promise<void> {
  await db.delete(consentRollupMinute).where(sql`${consentRollupMinute.minute} < now() - interval '1 day'`);
}
