import { and, eq, lt, lte, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import {
  addresses,
  customers,
  devices,
  inferences,
  interactionEvents,
  loyaltyTransactions,
  messagesSent,
  orders,
  supportTickets,
} from "@/db/schema";

// The categories a customer's data falls into, with what is fixed per category:
// where it comes from, how long it is kept, and which table and time column its
// records live in. Which purposes use a category (and so their legal basis and
// recipients) is not fixed here: it is read from the published purposes.

export const categoryKeys = [
  "identity",
  "contact",
  "addresses",
  "orders",
  "loyalty",
  "devices",
  "interactions",
  "tickets",
  "messages",
  "inferences",
] as const;
export type CategoryKey = (typeof categoryKeys)[number];

export function isCategoryKey(value: unknown): value is CategoryKey {
  return typeof value === "string" && (categoryKeys as readonly string[]).includes(value);
}

export type DataSource =
  { kind: "given" } | { kind: "observed" } | { kind: "inferred" } | { kind: "partner"; partner: string };

/**
 * How long records are kept:
 * - `whileCustomer`: as long as the account exists (deleted when it is closed);
 * - `days`: each record is deleted `days` after its retention time;
 * - `years`: each record is deleted `years` calendar years after its retention time, at
 *   the same time of day in Oslo (a record of 29 February goes on 28 February);
 * - `yearEnd`: `years` after the end of the (Oslo) calendar year of the record, as
 *   the Bookkeeping Act counts.
 * `purgePastRetention` deletes by the same rules, so the date a customer is shown is the
 * date the record goes.
 */
export type Retention =
  | { kind: "whileCustomer" }
  | { kind: "days"; days: number }
  | { kind: "years"; years: number }
  | { kind: "yearEnd"; years: number };

export type CategoryDefinition = {
  key: CategoryKey;
  source: DataSource;
  retention: Retention;
  /** Where the records are: the table, its customer id column, and the time of "your oldest record". */
  records: {
    table: PgTable;
    customerId: PgColumn;
    oldest: PgColumn;
    /** The column the deletion clock runs from, when it is not `oldest`. */
    retentionFrom?: PgColumn;
    /** Only rows matching this count as held (a rejected inference is not). */
    where?: SQL;
  };
  /** Identity and contact are one record each: count the details held instead of rows. */
  counts: "rows" | "details";
};

const definitions: CategoryDefinition[] = [
  // Name and birth date (customers) and the sign-in email (users).
  {
    key: "identity",
    source: { kind: "given" },
    retention: { kind: "whileCustomer" },
    records: { table: customers, customerId: customers.id, oldest: customers.createdAt },
    counts: "details",
  },
  {
    key: "contact",
    source: { kind: "given" },
    retention: { kind: "whileCustomer" },
    records: { table: customers, customerId: customers.id, oldest: customers.createdAt },
    counts: "details",
  },
  {
    key: "addresses",
    source: { kind: "given" },
    retention: { kind: "whileCustomer" },
    records: { table: addresses, customerId: addresses.customerId, oldest: addresses.createdAt },
    counts: "rows",
  },
  // Five years after the end of the financial year (purpose "bookkeeping", legal obligation).
  {
    key: "orders",
    source: { kind: "observed" },
    retention: { kind: "yearEnd", years: 5 },
    records: { table: orders, customerId: orders.customerId, oldest: orders.placedAt },
    counts: "rows",
  },
  // Points expire after 24 months, and their transactions with them.
  {
    key: "loyalty",
    source: { kind: "observed" },
    retention: { kind: "days", days: 730 },
    records: {
      table: loyaltyTransactions,
      customerId: loyaltyTransactions.customerId,
      oldest: loyaltyTransactions.occurredAt,
    },
    counts: "rows",
  },
  // Product analytics: at most 13 months after the device was last seen.
  {
    key: "devices",
    source: { kind: "observed" },
    retention: { kind: "days", days: 395 },
    records: {
      table: devices,
      customerId: devices.customerId,
      oldest: devices.firstSeenAt,
      retentionFrom: devices.lastSeenAt,
    },
    counts: "rows",
  },
  // Personalised offers: at most 24 months (the longest purpose that uses them).
  {
    key: "interactions",
    source: { kind: "observed" },
    retention: { kind: "days", days: 730 },
    records: {
      table: interactionEvents,
      customerId: interactionEvents.customerId,
      oldest: interactionEvents.occurredAt,
    },
    counts: "rows",
  },
  // Three years, the general limitation period for complaints.
  {
    key: "tickets",
    source: { kind: "given" },
    retention: { kind: "years", years: 3 },
    records: { table: supportTickets, customerId: supportTickets.customerId, oldest: supportTickets.createdAt },
    counts: "rows",
  },
  // Receipts and notices sent under the order agreement, and proof of what was sent
  // under which consent: as long as complaints about an order can be raised.
  {
    key: "messages",
    source: { kind: "observed" },
    retention: { kind: "years", years: 3 },
    records: { table: messagesSent, customerId: messagesSent.customerId, oldest: messagesSent.sentAt },
    counts: "rows",
  },
  // Personalised offers: at most 24 months.
  {
    key: "inferences",
    source: { kind: "inferred" },
    retention: { kind: "years", years: 2 },
    records: {
      table: inferences,
      customerId: inferences.customerId,
      oldest: inferences.createdAt,
      where: eq(inferences.status, "active"),
    },
    counts: "rows",
  },
];

export const categories: Record<CategoryKey, CategoryDefinition> = Object.fromEntries(
  definitions.map((d) => [d.key, d]),
) as Record<CategoryKey, CategoryDefinition>;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const osloParts = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Oslo",
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/** The wall-clock time in Oslo at `at`, as if it were UTC (milliseconds kept). */
function osloWallClock(at: Date): Date {
  const parts = osloParts.formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const ms = ((at.getTime() % 1000) + 1000) % 1000;
  return new Date(
    Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"), ms),
  );
}

/**
 * The moment an Oslo wall-clock time (given as if UTC) happens, read as PostgreSQL's
 * `timestamp at time zone 'Europe/Oslo'` reads it: standard time (UTC+1) when that is a
 * reading of it (also for the hour the autumn change repeats), summer time (UTC+2) when
 * only that is, and standard time for the hour the spring change skips.
 */
function fromOsloWallClock(wall: Date): Date {
  const standard = new Date(wall.getTime() - HOUR_MS);
  if (osloWallClock(standard).getTime() === wall.getTime()) return standard;
  const summer = new Date(wall.getTime() - 2 * HOUR_MS);
  return osloWallClock(summer).getTime() === wall.getTime() ? summer : standard;
}

/** `at` plus whole calendar years in Oslo; 29 February becomes 28 February, as in PostgreSQL. */
function addOsloYears(at: Date, years: number): Date {
  const wall = osloWallClock(at);
  const target = new Date(wall);
  target.setUTCFullYear(wall.getUTCFullYear() + years, wall.getUTCMonth(), 1);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), wall.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(wall.getUTCDate(), lastDay));
  return fromOsloWallClock(target);
}

function osloYear(at: Date): number {
  return Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Oslo", year: "numeric" }).format(at));
}

/** Midnight starting 1 January of `year` in Oslo (UTC+1 in winter). */
function osloNewYear(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - HOUR_MS);
}

/** When a record with this retention time is deleted; null while the account exists. */
export function deletionDate(retention: Retention, at: Date | null): Date | null {
  if (!at) return null;
  switch (retention.kind) {
    case "whileCustomer":
      return null;
    case "days":
      return new Date(at.getTime() + retention.days * DAY_MS);
    case "years":
      return addOsloYears(at, retention.years);
    case "yearEnd":
      return osloNewYear(osloYear(at) + 1 + retention.years);
  }
}

/**
 * The rows of `column`'s table whose deletion date (as `deletionDate` computes it) has come
 * by `now`; undefined for a retention that lasts while the account exists.
 */
export function pastRetention(retention: Retention, column: PgColumn, now: Date): SQL | undefined {
  switch (retention.kind) {
    case "whileCustomer":
      return undefined;
    case "days":
      return lte(column, new Date(now.getTime() - retention.days * DAY_MS));
    case "years":
      // Calendar years on the Oslo wall clock; the bound before it lets an index narrow the rows
      // (n calendar years are never fewer than n × 365 days).
      return and(
        lte(column, new Date(now.getTime() - retention.years * 365 * DAY_MS)),
        sql`((${column} at time zone 'Europe/Oslo') + make_interval(years => ${retention.years}::int)) at time zone 'Europe/Oslo' <= ${now.toISOString()}::timestamptz`,
      );
    case "yearEnd":
      // Deleted at the first Oslo new year after `years` full years: due once that new year has come.
      return lt(column, osloNewYear(osloYear(now) - retention.years));
  }
}
