import "server-only";
import { asc } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { purposes, type ConsentAction, type Purpose, type WithdrawalReasonCode } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { locales, type Locale } from "@/lib/i18n/locales";
import { osloDay } from "@/lib/requests/due-date";
import { purposeKeyPattern } from "@/lib/studio/purpose-draft-schema";
import {
  categoriesFor,
  hasAnswers,
  honouredFrom,
  toCategoryCounts,
  type AnswerCategory,
} from "./consent-categories";
import {
  readCurrentAnswers,
  readCustomerTotals,
  readDailyMoves,
  readLastHourEvents,
  readMovesAfter,
  readWithdrawalReasons,
} from "./read-rollups";
import { suppressCount, suppressPartition, type Count, type PartitionCell } from "./suppression";

export const SERIES_DAYS = 90;
/** A version's "after" figure: this many days after it was published (or today, if sooner). */
export const AFTER_DAYS = 30;

export type Cell = { category: AnswerCategory } & PartitionCell;
export type Snapshot = { total: Count; cells: Cell[] };
export type PurposeRates = {
  key: string;
  name: string;
  /** The name in each language (the public report's JSON gives both). */
  names: Record<Locale, string>;
  legalBasis: Purpose["legalBasis"];
  /** The version in force; null when the purpose was retired. */
  version: number | null;
} & Snapshot;

export type PurposeAnalytics = PurposeRates & {
  asOf: string;
  series: ({ day: string } & Snapshot)[];
  lastHour: { action: ConsentAction; events: Count }[];
  reasons: { total: Count; cells: ({ reason: WithdrawalReasonCode } & PartitionCell)[] };
  versions: {
    version: number;
    publishedOn: string;
    /** The first version; one customers who agreed before were asked again about; or one their consent carried over to. */
    change: "first" | "material" | "carried";
    before: { day: string; granted: Cell | null };
    after: { day: string; granted: Cell | null };
  }[];
};

const DAY_MS = 24 * 60 * 60 * 1000;
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function snapshot(legalBasis: Purpose["legalBasis"], floor: number | null, total: number, answers: Answers): Snapshot {
  const counts = toCategoryCounts({
    legalBasis,
    floor,
    total,
    answers: [...answers].map(([k, customers]) => {
      const [version, action] = k.split(":") as [string, ConsentAction];
      return { version: Number(version), action, customers };
    }),
  });
  const cells = suppressPartition(counts, total);
  return {
    total: suppressCount(total),
    cells: categoriesFor(legalBasis).map((category) => ({ category, ...cells[category] })),
  };
}

/** Customers per "version:action". */
type Answers = Map<string, number>;

/** The version in force at the end of an Oslo day (published by then, not yet replaced or retired). */
const versionDays = new WeakMap<Purpose, { published: string | null; retired: string | null }>();
function daysOf(v: Purpose) {
  let days = versionDays.get(v);
  if (!days) {
    days = { published: v.publishedAt && osloDay(v.publishedAt), retired: v.retiredAt && osloDay(v.retiredAt) };
    versionDays.set(v, days);
  }
  return days;
}

function inForceOn(versions: Purpose[], day: string): Purpose | null {
  return (
    versions.find((v) => {
      const { published, retired } = daysOf(v);
      return published !== null && published <= day && (retired === null || retired > day);
    }) ?? null
  );
}

async function loadPurposes(db: Executor): Promise<Map<string, Purpose[]>> {
  const rows = await db.select().from(purposes).orderBy(asc(purposes.sortOrder), asc(purposes.key));
  const byKey = new Map<string, Purpose[]>();
  for (const row of rows) {
    if (row.status === "draft" || !hasAnswers(row.legalBasis)) continue;
    byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  }
  for (const versions of byKey.values()) versions.sort((a, b) => b.version - a.version);
  return byKey;
}

function describe(versions: Purpose[], locale: Locale) {
  const inForce = versions.find((v) => v.status === "published") ?? null;
  const latest = inForce ?? versions[0]!;
  const names = Object.fromEntries(
    locales.map((l) => [l, latest.texts[l]?.name ?? latest.texts.en.name ?? latest.key]),
  ) as Record<Locale, string>;
  return {
    key: latest.key,
    name: names[locale],
    names,
    legalBasis: latest.legalBasis,
    version: inForce?.version ?? null,
    floor: inForce ? honouredFrom(inForce) : null,
  };
}

/**
 * Each purpose that asks customers anything, with how many customers are in each answer
 * group now, small groups suppressed. From the rollups only; shared by the studio and
 * the public transparency report.
 */
export async function readConsentRates(
  db: Executor,
  locale: Locale,
  options: {
    /** Counted at the end of this Oslo day instead of now (the public report: yesterday). */
    endOfDay?: string;
    /** Leave out purposes with no version in force then (retired ones: their consents no longer count). */
    inForceOnly?: boolean;
  } = {},
): Promise<PurposeRates[]> {
  const { endOfDay } = options;
  const [byKey, current, customers, later] = await Promise.all([
    loadPurposes(db),
    readCurrentAnswers(db),
    readCustomerTotals(db, endOfDay ? addDays(endOfDay, 1) : "9999-12-31"),
    endOfDay ? readMovesAfter(db, endOfDay) : Promise.resolve([]),
  ]);
  const answersByKey = new Map<string, Answers>();
  const answersOf = (key: string) => {
    const answers = answersByKey.get(key) ?? new Map<string, number>();
    answersByKey.set(key, answers);
    return answers;
  };
  for (const row of current) answersOf(row.purposeKey).set(`${row.version}:${row.action}`, row.customers);
  for (const row of later) {
    const answers = answersOf(row.purposeKey);
    const k = `${row.version}:${row.action}`;
    answers.set(k, (answers.get(k) ?? 0) - row.net);
  }
  let total = customers.total;
  for (const net of customers.daily.values()) total -= net;
  return [...byKey.values()].flatMap((versions) => {
    const { floor: floorNow, ...head } = describe(versions, locale);
    const inForce = endOfDay ? inForceOn(versions, endOfDay) : (versions.find((v) => v.status === "published") ?? null);
    if (options.inForceOnly && !inForce) return [];
    const floor = endOfDay ? (inForce ? honouredFrom(inForce) : null) : floorNow;
    return [
      {
        ...head,
        version: inForce?.version ?? null,
        ...snapshot(head.legalBasis, floor, total, answersByKey.get(head.key) ?? new Map()),
      },
    ];
  });
}

/** The product team's overview: every purpose's answer groups now. */
export async function readConsentOverview(actor: Actor | null, locale: Locale): Promise<PurposeRates[]> {
  assertStaff(actor, "analytics.read");
  return readConsentRates(await getDb(), locale);
}

/**
 * One purpose in detail: now, each day of the last 90 (state at the end of the day, as
 * the version in force that day counted it), the last hour's events, the anonymous
 * withdrawal reasons of the last 90 days, and the share who agreed the day before each
 * version was published and 30 days after. Every figure under 10 customers is null.
 */
export async function readPurposeAnalytics(
  actor: Actor | null,
  input: { purposeKey: string; locale: Locale; now?: Date },
): Promise<PurposeAnalytics> {
  assertStaff(actor, "analytics.read");
  // Straight from a URL: anything that is no purpose key is no purpose, before any query.
  if (input.purposeKey.length > 64 || !purposeKeyPattern.test(input.purposeKey)) throw new AppError("not_found");
  const db = await getDb();
  const versions = (await loadPurposes(db)).get(input.purposeKey);
  if (!versions) throw new AppError("not_found");
  const today = osloDay(input.now ?? new Date());
  const seriesStart = addDays(today, -(SERIES_DAYS - 1));
  const published = versions.filter((v) => v.publishedAt !== null);
  const afterDayOf = (publishedOn: string) =>
    addDays(publishedOn, AFTER_DAYS) < today ? addDays(publishedOn, AFTER_DAYS) : today;
  const seriesDays: string[] = [];
  for (let day = seriesStart; day <= today; day = addDays(day, 1)) seriesDays.push(day);
  const checkpoints = published.flatMap((v) => [addDays(osloDay(v.publishedAt!), -1), afterDayOf(osloDay(v.publishedAt!))]);
  const needed = [...new Set([...seriesDays, ...checkpoints])].filter((day) => day <= today).sort();
  const earliest = needed[0]!;
  const reads = splitReads(needed, today);
  const [current, moves, customers, lastHour, reasons] = await Promise.all([
    readCurrentAnswers(db, input.purposeKey),
    readDailyMoves(db, input.purposeKey, reads),
    readCustomerTotals(db, earliest),
    readLastHourEvents(db, input.purposeKey),
    readWithdrawalReasons(db, input.purposeKey, { fromDay: addDays(seriesStart, -1), beforeDay: today }),
  ]);
  const { floor, ...head } = describe(versions, input.locale);

  const movesByDay = new Map<string, DailyMoves>();
  for (const m of moves) {
    const day = movesByDay.get(m.day) ?? new Map<string, number>();
    day.set(`${m.version}:${m.action}`, m.net);
    movesByDay.set(m.day, day);
  }
  const states = new Map<string, Answers>();
  // Recent days, walking back from now: the state at the end of day d is the state after d minus d's moves.
  const answers: Answers = new Map(current.map((c) => [`${c.version}:${c.action}`, c.customers]));
  // Moves dated after today (a clock ahead of Oslo's date) are not in any day we show.
  for (const [day, dayMoves] of movesByDay) if (day > today) subtract(answers, dayMoves);
  for (let day = today; day >= reads.after; day = addDays(day, -1)) {
    states.set(day, new Map(answers));
    subtract(answers, movesByDay.get(day));
  }
  // Old days, adding up from the first move: the state at the end of day d is every move up to d.
  if (reads.upTo !== null) {
    const upTo = reads.upTo;
    const forward: Answers = new Map();
    const moveDays = [...movesByDay.keys()].filter((day) => day <= upTo).sort();
    let next = 0;
    for (const day of needed.filter((d) => d <= upTo)) {
      for (; next < moveDays.length && moveDays[next]! <= day; next++) add(forward, movesByDay.get(moveDays[next]!)!);
      states.set(day, new Map(forward));
    }
  }
  const totals = new Map<string, number>();
  let total = customers.total;
  for (const [day, net] of customers.daily) if (day > today) total -= net;
  for (let day = today; day >= earliest; day = addDays(day, -1)) {
    totals.set(day, total);
    total -= customers.daily.get(day) ?? 0;
  }
  const snapshotOn = (day: string): Snapshot => {
    const version = inForceOn(versions, day);
    return snapshot(head.legalBasis, version ? honouredFrom(version) : null, totals.get(day) ?? 0, states.get(day) ?? new Map());
  };
  const grantedOn = (day: string) =>
    snapshotOn(day).cells.find((c) => c.category === (head.legalBasis === "consent" ? "granted" : "objected")) ?? null;

  const series = seriesDays.map((day) => ({ day, ...snapshotOn(day) }));

  const reasonCounts = Object.fromEntries(reasons.map((r) => [r.reason, Number(r.n)])) as Record<WithdrawalReasonCode, number>;
  const reasonTotal = reasons.reduce((sum, r) => sum + Number(r.n), 0);
  const reasonCells = suppressPartition(reasonCounts, reasonTotal);

  return {
    ...head,
    ...snapshot(head.legalBasis, floor, customers.total, new Map(current.map((c) => [`${c.version}:${c.action}`, c.customers]))),
    asOf: (input.now ?? new Date()).toISOString(),
    series,
    lastHour: (head.legalBasis === "consent"
      ? (["granted", "withdrawn", "expired"] as const)
      : (["objected", "objection_withdrawn"] as const)
    ).map((action) => ({ action, events: suppressCount(lastHour.get(action) ?? 0) })),
    reasons: {
      total: suppressCount(reasonTotal),
      cells: reasons
        .map((r) => ({ reason: r.reason, ...reasonCells[r.reason] }))
        .sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.reason.localeCompare(b.reason)),
    },
    versions: published
      .map((v) => {
        const publishedOn = osloDay(v.publishedAt!);
        const afterDay = afterDayOf(publishedOn);
        return {
          version: v.version,
          publishedOn,
          change: (v.version === 1 ? "first" : v.materialVersion === null ? "material" : "carried") as PurposeAnalytics["versions"][number]["change"],
          before: { day: addDays(publishedOn, -1), granted: grantedOn(addDays(publishedOn, -1)) },
          after: { day: afterDay, granted: grantedOn(afterDay) },
        };
      })
      .sort((a, b) => b.version - a.version),
  };
}

type DailyMoves = Map<string, number>;

function subtract(answers: Answers, moves: DailyMoves | undefined) {
  if (!moves) return;
  for (const [k, net] of moves) answers.set(k, (answers.get(k) ?? 0) - net);
}

function add(answers: Answers, moves: DailyMoves) {
  for (const [k, net] of moves) answers.set(k, (answers.get(k) ?? 0) + net);
}

const daysBetween = (from: string, to: string) => Math.max((Date.parse(to) - Date.parse(from)) / DAY_MS, 0);

/**
 * Which rollup days to read for the states on `needed` (ascending, up to today): a day's
 * state is every move up to it, or now minus every move after it. Old days (a version
 * published two years ago) add up from the first move and recent ones undo from now,
 * split where that reads the fewest days, instead of undoing the whole history.
 */
function splitReads(needed: string[], today: string): { upTo: string | null; after: string } {
  const first = needed[0]!;
  let best = { upTo: null as string | null, after: first, cost: daysBetween(first, today) };
  needed.forEach((day, i) => {
    const after = needed[i + 1] ?? today;
    const cost = daysBetween(first, day) + daysBetween(after, today);
    if (cost < best.cost) best = { upTo: day, after, cost };
  });
  return { upTo: best.upTo, after: best.after };
}
