import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { purposes, type PurposeText } from "./purposes";

export const consentActions = ["granted", "withdrawn"] as const;
export type ConsentAction = (typeof consentActions)[number];
export const consentSources = ["web", "app", "store", "support", "email", "api"] as const;

// Append-only: the record that proves consent (GDPR Art. 7(1)). Never updated or deleted
// except by erasure.
export const consentEvents = pgTable(
  "consent_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    purposeKey: text("purpose_key").notNull(),
    purposeVersion: integer("purpose_version").notNull(),
    action: text("action", { enum: consentActions }).notNull(),
    // clock_timestamp(), not now(): events queued on the same lock must keep their order in time.
    occurredAt: timestamp("occurred_at", { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
    sourceChannel: text("source_channel", { enum: consentSources }).notNull(),
    userAgent: text("user_agent"),
    locale: text("locale", { enum: ["nb", "en"] }).notNull(),
    shownText: jsonb("shown_text").$type<PurposeText>().notNull(),
    gpc: boolean("gpc").notNull().default(false),
  },
  (t) => [
    index("consent_events_customer_time_idx").on(t.customerId, t.occurredAt),
    foreignKey({
      name: "consent_events_purpose_fk",
      columns: [t.purposeKey, t.purposeVersion],
      foreignColumns: [purposes.key, purposes.version],
    }),
  ],
);
export type ConsentEvent = typeof consentEvents.$inferSelect;

// Current state, derived from the log in the same transaction as each event.
export const consentStates = pgTable(
  "consent_states",
  {
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    purposeKey: text("purpose_key").notNull(),
    purposeVersion: integer("purpose_version").notNull(),
    granted: boolean("granted").notNull(),
    lastEventId: bigint("last_event_id", { mode: "number" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.purposeKey] }),
    foreignKey({
      name: "consent_states_purpose_fk",
      columns: [t.purposeKey, t.purposeVersion],
      foreignColumns: [purposes.key, purposes.version],
    }),
  ],
);
export type ConsentState = typeof consentStates.$inferSelect;
