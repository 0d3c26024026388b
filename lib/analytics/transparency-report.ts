import "server-only";
import { gte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  requestRollupAnswered,
  requestRollupReceived,
  staffAccessRollupMonthly,
  staffJustifications,
} from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { addCalendarMonths, osloDay } from "@/lib/requests/due-date";
import { addDays, readConsentRates, type PurposeRates } from "./consent-analytics";
import {
  SUPPRESS_BELOW,
  suppressCount,
  suppressedMedian,
  suppressPartition,
  type Count,
  type PartitionCell,
} from "./suppression";

/** The report covers the twelve whole months before this one. */
export const REPORT_MONTHS = 12;

export const accessCategories = [...staffJustifications, "unspecified"] as const;
export type AccessCategory = (typeof accessCategories)[number];

export type TransparencyReport = {
  generatedAt: string;
  /** Figures under this are null. */
  suppressedBelow: number;
  months: {
    /** YYYY-MM. */
    month: string;
    requests: {
      received: Count;
      answered: Count;
      answeredOnTime: PartitionCell;
      answeredLate: PartitionCell;
      medianDays: number | null;
    };
    /** Customers whose records staff opened, each counted once per kind of reason in the month. */
    staffAccesses: { total: Count; byJustification: ({ justification: AccessCategory } & PartitionCell)[] };
  }[];
  consent: PurposeRates[];
};

/**
 * The company's public record, from the rollups only: data-subject requests received and
 * answered per month (on time, median days), staff looks at customers per month by why,
 * and each purpose's answers now. Anyone may read it, so every group under 10 is null.
 */
export async function readTransparencyReport(locale: Locale, now = new Date()): Promise<TransparencyReport> {
  const db = await getDb();
  // Whole months only, and consent as it stood at the end of yesterday: a figure that moved
  // while someone watched would tell them what one person just did.
  const today = osloDay(now);
  const lastMonth = addCalendarMonths(`${today.slice(0, 7)}-01`, -1);
  const first = addCalendarMonths(lastMonth, -(REPORT_MONTHS - 1));
  const [received, answered, accesses, consent] = await Promise.all([
    db
      .select({
        month: requestRollupReceived.month,
        n: sql<number>`sum(${requestRollupReceived.requests})`.mapWith(Number),
      })
      .from(requestRollupReceived)
      .where(gte(requestRollupReceived.month, first))
      .groupBy(requestRollupReceived.month),
    db
      .select({
        month: requestRollupAnswered.month,
        days: requestRollupAnswered.days,
        onTime: requestRollupAnswered.onTime,
        n: sql<number>`sum(${requestRollupAnswered.requests})`.mapWith(Number),
      })
      .from(requestRollupAnswered)
      .where(gte(requestRollupAnswered.month, first))
      .groupBy(requestRollupAnswered.month, requestRollupAnswered.days, requestRollupAnswered.onTime),
    db
      .select({
        month: staffAccessRollupMonthly.month,
        justification: staffAccessRollupMonthly.justification,
        n: sql<number>`sum(${staffAccessRollupMonthly.customers})`.mapWith(Number),
      })
      .from(staffAccessRollupMonthly)
      .where(gte(staffAccessRollupMonthly.month, first))
      .groupBy(staffAccessRollupMonthly.month, staffAccessRollupMonthly.justification),
    readConsentRates(db, locale, { endOfDay: addDays(today, -1), inForceOnly: true }),
  ]);

  const months: TransparencyReport["months"] = [];
  for (let month = lastMonth; month >= first; month = addCalendarMonths(month, -1)) {
    const answeredHere = answered.filter((a) => a.month === month);
    const onTime = answeredHere.filter((a) => a.onTime).reduce((sum, a) => sum + a.n, 0);
    const late = answeredHere.filter((a) => !a.onTime).reduce((sum, a) => sum + a.n, 0);
    const timeliness = suppressPartition({ onTime, late }, onTime + late);
    const accessCounts = Object.fromEntries(accessCategories.map((c) => [c, 0])) as Record<AccessCategory, number>;
    for (const a of accesses) if (a.month === month) accessCounts[a.justification] += a.n;
    // Entries from before categories are shown only when there are any.
    const shownCategories = accessCategories.filter((c) => c !== "unspecified" || accessCounts.unspecified > 0);
    const accessTotal = shownCategories.reduce((sum, c) => sum + accessCounts[c], 0);
    const accessCells = suppressPartition(
      Object.fromEntries(shownCategories.map((c) => [c, accessCounts[c]])) as Record<AccessCategory, number>,
      accessTotal,
    );
    months.push({
      month: month.slice(0, 7),
      requests: {
        received: suppressCount(received.filter((r) => r.month === month).reduce((sum, r) => sum + r.n, 0)),
        answered: suppressCount(onTime + late),
        answeredOnTime: timeliness.onTime,
        answeredLate: timeliness.late,
        medianDays: suppressedMedian(answeredHere.map((a) => ({ value: a.days, n: a.n }))),
      },
      staffAccesses: {
        total: suppressCount(accessTotal),
        byJustification: shownCategories.map((justification) => ({ justification, ...accessCells[justification] })),
      },
    });
  }
  return { generatedAt: now.toISOString(), suppressedBelow: SUPPRESS_BELOW, months, consent };
}

type PublicCell = { count: Count; share: number | null; shields?: true };

/**
 * The report as published JSON: stable English keys (justifications and answers keyed by
 * their codes), purpose names in every language, and null for every figure under
 * `suppressedBelow`, exactly as the page shows "< 10".
 */
export function publicTransparencyReport(report: TransparencyReport) {
  return {
    report: "transparency",
    generatedAt: report.generatedAt,
    suppressedBelow: report.suppressedBelow,
    about: `Figures that describe fewer than ${report.suppressedBelow} people are null; when one hidden figure could be worked out from a total, another is hidden too and marked "shields": true (it may be ${report.suppressedBelow} or more). Months are Europe/Oslo calendar months, newest first.`,
    months: report.months.map((m) => ({
      month: m.month,
      requests: m.requests,
      staffAccesses: {
        total: m.staffAccesses.total,
        byJustification: Object.fromEntries(
          m.staffAccesses.byJustification.map(({ justification, ...cell }) => [justification, cell]),
        ) as Partial<Record<AccessCategory, PublicCell>>,
      },
    })),
    consent: report.consent.map((p) => ({
      purpose: p.key,
      name: p.names,
      legalBasis: p.legalBasis,
      version: p.version,
      customers: p.total,
      answers: Object.fromEntries(p.cells.map(({ category, ...cell }) => [category, cell])) as Record<
        string,
        PublicCell
      >,
    })),
  };
}
