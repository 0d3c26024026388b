import { bigint, boolean, date, integer, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { consentActions, withdrawalReasonCodes } from "./consent";
import { staffJustifications } from "./data-inventory";
import { requestKinds } from "./requests";

// Rollups: counts the studio's analytics and the public transparency report read instead
// of scanning the raw logs. Database triggers (migration 0009) keep them in the same
// transaction as the rows they count, whoever writes those rows (the consent writer, the
// demo seed, an erasure's cascade). No customer id anywhere: a rollup row is a count.
// `slot` (a hash of the customer id, 0–7) spreads concurrent writers over eight rows, so
// two customers' toggles rarely wait on the same counter; readers sum over it.
// `analytics_rollups_rebuild()` (same migration) recomputes every rollup from the rows
// that exist now (the migration's backfill, and the bench after a bulk load).

/** Customers per purpose, version and last action now (no row: never answered). */
export const consentRollupCurrent = pgTable(
  "consent_rollup_current",
  {
    purposeKey: text("purpose_key").notNull(),
    purposeVersion: integer("purpose_version").notNull(),
    lastAction: text("last_action", { enum: consentActions }).notNull(),
    slot: smallint("slot").notNull(),
    customers: bigint("customers", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.purposeKey, t.purposeVersion, t.lastAction, t.slot] })],
);

/**
 * Per Oslo day: how many customers' state for a purpose moved into (`entered`) and out
 * of (`exited`) each (version, last action). The state on any day is the sum of
 * entered − exited up to it; `entered` alone is that day's events.
 */
export const consentRollupDaily = pgTable(
  "consent_rollup_daily",
  {
    purposeKey: text("purpose_key").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    purposeVersion: integer("purpose_version").notNull(),
    lastAction: text("last_action", { enum: consentActions }).notNull(),
    slot: smallint("slot").notNull(),
    entered: integer("entered").notNull(),
    exited: integer("exited").notNull(),
  },
  (t) => [primaryKey({ columns: [t.purposeKey, t.day, t.purposeVersion, t.lastAction, t.slot] })],
);

/** Consent events per minute, for the last hour; the hourly maintenance drops old minutes. */
export const consentRollupMinute = pgTable(
  "consent_rollup_minute",
  {
    purposeKey: text("purpose_key").notNull(),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    lastAction: text("last_action", { enum: consentActions }).notNull(),
    slot: smallint("slot").notNull(),
    events: integer("events").notNull(),
  },
  (t) => [primaryKey({ columns: [t.purposeKey, t.minute, t.lastAction, t.slot] })],
);

/**
 * The anonymous withdrawal reasons per day (they carry only a day anyway): what the
 * studio counts instead of the reasons themselves.
 */
export const withdrawalReasonRollupDaily = pgTable(
  "withdrawal_reason_rollup_daily",
  {
    purposeKey: text("purpose_key").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    reason: text("reason", { enum: withdrawalReasonCodes }).notNull(),
    reasons: integer("reasons").notNull(),
  },
  (t) => [primaryKey({ columns: [t.purposeKey, t.day, t.reason] })],
);

/** Customers who joined and who left (erasure) per Oslo day: the denominator of every share. */
export const customerRollupDaily = pgTable(
  "customer_rollup_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    slot: smallint("slot").notNull(),
    joined: integer("joined").notNull(),
    departed: integer("departed").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.slot] })],
);

/** Data-subject requests received per Oslo month (first day of the month) and kind. */
export const requestRollupReceived = pgTable(
  "request_rollup_received",
  {
    month: date("month", { mode: "string" }).notNull(),
    kind: text("kind", { enum: requestKinds }).notNull(),
    slot: smallint("slot").notNull(),
    requests: integer("requests").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.kind, t.slot] })],
);

/**
 * Requests answered (completed or rejected) per Oslo month of the answer, by the whole
 * days they took and whether that was by their (extended) due date: a histogram, so the
 * median is exact without keeping any request.
 */
export const requestRollupAnswered = pgTable(
  "request_rollup_answered",
  {
    month: date("month", { mode: "string" }).notNull(),
    kind: text("kind", { enum: requestKinds }).notNull(),
    days: integer("days").notNull(),
    onTime: boolean("on_time").notNull(),
    slot: smallint("slot").notNull(),
    requests: integer("requests").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.kind, t.days, t.onTime, t.slot] })],
);

/**
 * Staff looks at customers (access-log views) per Oslo month and justification category:
 * how many looks, and at how many different customers (what the public report shows, so
 * that twelve looks at one person never read as a group of twelve).
 */
export const staffAccessRollupMonthly = pgTable(
  "staff_access_rollup_monthly",
  {
    month: date("month", { mode: "string" }).notNull(),
    /** `unspecified` for entries from before justification categories. */
    justification: text("justification", { enum: [...staffJustifications, "unspecified"] }).notNull(),
    slot: smallint("slot").notNull(),
    accesses: integer("accesses").notNull(),
    customers: integer("customers").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.justification, t.slot] })],
);
