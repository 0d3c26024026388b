import "server-only";
import { and, eq, gt, gte, lt, lte, or, sql } from "drizzle-orm";
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

/** Net moves into each (purpose, version, action) on the days after `day`, summed. */
export async function readMovesAfter(
  db: Executor,
  day: string,
): Promise<{ purposeKey: string; version: number; action: ConsentAction; net: number }[]> {
  const r = consentRollupDaily;
  return db
    .select({
      purposeKey: r.purposeKey,
      version: r.purposeVersion,
      action: r.lastAction,
      net: sql<number>`sum(${r.entered} - ${r.exited})`.mapWith(Number),
    })
    .from(r)
    .where(gt(r.day, day))
    .groupBy(r.purposeKey, r.purposeVersion, r.lastAction);
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

/**
 * The anonymous withdrawal reasons given for a purpose on the days from `fromDay` up to,
 * not including, `beforeDay`, per reason. Callers stop before today: a reason that showed
 * up while its day is still running would point at the withdrawal it followed.
 */
export async function readWithdrawalReasons(
  db: Executor,
  purposeKey: string,
  days: { fromDay: string; beforeDay: string },
): Promise<{ reason: WithdrawalReasonCode; n: number }[]> {
  const r = withdrawalReasonRollupDaily;
  return db
    .select({ reason: r.reason, n: sql<number>`sum(${r.reasons})`.mapWith(Number) })
    .from(r)
    .where(and(eq(r.purposeKey, purposeKey), gte(r.day, days.fromDay), lt(r.day, days.beforeDay)))
    .groupBy(r.reason);
}

/** Minutes older than a day serve no figure; the hourly maintenance drops them. */
export async function pruneConsentMinutes(db: Executor): Promise<void> {
  await db.delete(consentRollupMinute).where(sql`${consentRollupMinute.minute} < now() - interval '1 day'`);
}
