import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { communicationChannels, purposes, type PurposeText } from "./purposes";

// granted/withdrawn for consent purposes; objected/objection_withdrawn for legitimate
// interest (GDPR Art. 21); expired when a consent outlives the purpose's lifetime.
export const consentActions = ["granted", "withdrawn", "objected", "objection_withdrawn", "expired"] as const;
export type ConsentAction = (typeof consentActions)[number];
export const consentSources = ["web", "app", "store", "support", "email", "api", "system"] as const;
export type ConsentSourceChannel = (typeof consentSources)[number];
// How the choice was made, for the timeline and the receipt's "method".
export const consentMethods = [
  "switch",
  "reconsent_prompt",
  "renewal",
  "unsubscribe_link",
  "gpc_signal",
  "expiry",
  // An objection filed as a data-subject request (Art. 21) on /account/requests/object.
  "objection_request",
] as const;
export type ConsentMethod = (typeof consentMethods)[number];

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
    method: text("method", { enum: consentMethods }).notNull().default("switch"),
    // For a grant under a purpose with a consent lifetime: when it lapses.
    expiresAt: timestamp("expires_at", { withTimezone: true }),
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
    /** May the purpose use this customer's data (consent given, or no objection). */
    granted: boolean("granted").notNull(),
    /** The action of the last event (what the analytics rollups count by). */
    lastAction: text("last_action", { enum: consentActions }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastEventId: bigint("last_event_id", { mode: "number" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.purposeKey] }),
    // The hourly expiry sweep reads only live, expiring grants.
    index("consent_states_expiring_idx")
      .on(t.expiresAt)
      .where(sql`${t.granted} and ${t.expiresAt} is not null`),
    foreignKey({
      name: "consent_states_purpose_fk",
      columns: [t.purposeKey, t.purposeVersion],
      foreignColumns: [purposes.key, purposes.version],
    }),
  ],
);
export type ConsentState = typeof consentStates.$inferSelect;

export { communicationChannels, type CommunicationChannel } from "./purposes";

// Channel × topic (a topic is a purpose key). No row = the channel is allowed for the
// topic; a preference only ever narrows what the consent allows, never widens it.
export const communicationPreferences = pgTable(
  "communication_preferences",
  {
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: communicationChannels }).notNull(),
    topic: text("topic").notNull(),
    allowed: boolean("allowed").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.channel, t.topic] })],
);
export type CommunicationPreference = typeof communicationPreferences.$inferSelect;

export const withdrawalReasonCodes = [
  "too_many_messages",
  "not_relevant",
  "privacy_concern",
  "did_not_know",
  "other",
] as const;
export type WithdrawalReasonCode = (typeof withdrawalReasonCodes)[number];

// Deliberately anonymous: no customer id, no event id, only the day, and a random id
// (a sequence would give away the order), so a reason cannot be joined back to the
// consent event it followed.
export const withdrawalReasons = pgTable(
  "withdrawal_reasons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purposeKey: text("purpose_key").notNull(),
    reason: text("reason", { enum: withdrawalReasonCodes }).notNull(),
    recordedOn: date("recorded_on", { mode: "string" }).notNull(),
  },
  (t) => [index("withdrawal_reasons_purpose_day_idx").on(t.purposeKey, t.recordedOn)],
);

// One-time tokens already spent (e.g. the anonymous withdrawal-reason form), by hash.
export const consumedTokens = pgTable(
  "consumed_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("consumed_tokens_expires_idx").on(t.expiresAt)],
);

// Public halves of every key that has signed consent receipts, so receipts signed
// before a key rotation still verify. Private keys never enter the database.
export const receiptSigningKeys = pgTable("receipt_signing_keys", {
  kid: text("kid").primaryKey(),
  publicJwk: jsonb("public_jwk").$type<Record<string, string>>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
