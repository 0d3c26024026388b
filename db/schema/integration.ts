import { sql } from "drizzle-orm";
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers } from "./customers";

/** What a downstream system may be granted; an API client's permissions are exactly its scopes. */
export const apiScopes = ["consent.read", "consent.check.bulk", "events.write", "webhooks.manage"] as const;
export type ApiScope = (typeof apiScopes)[number];

// A downstream system (email platform, web shop, analytics pipeline) that calls /api/v1.
// Never deleted: revoking stops it at once, and its calls and looks keep naming it.
export const apiClients = pgTable("api_clients", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name").notNull(),
  scopes: text("scopes", { enum: apiScopes }).array().notNull(),
  /** Where the system runs (ISO 3166 alpha-2): a webhook sent to it is a disclosure to that country. */
  country: text("country").notNull().default("NO"),
  /** The staff user (or "cli") who created it. */
  createdBy: text("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});
export type ApiClient = typeof apiClients.$inferSelect;

// A client's bearer tokens: only the SHA-256 of each is kept (a token is 256 random bits,
// so a plain hash cannot be reversed). A rotation gives the old token an end (the overlap
// window) and adds a new one; a token with no end lasts until the next rotation.
export const apiClientTokens = pgTable(
  "api_client_tokens",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    clientId: text("client_id")
      .notNull()
      .references(() => apiClients.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    /** The token's last four characters, so a person can tell two tokens apart. */
    hint: text("hint").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_client_tokens_hash_idx").on(t.tokenHash), index("api_client_tokens_client_idx").on(t.clientId)],
);

// Every call an API client made: which client, when, under which scope, with which outcome
// and about whom (one customer: set null when they are erased; a bulk call: how many).
export const apiCalls = pgTable(
  "api_calls",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    clientId: text("client_id")
      .notNull()
      .references(() => apiClients.id),
    scope: text("scope", { enum: apiScopes }).notNull(),
    operation: text("operation").notNull(),
    status: smallint("status").notNull(),
    customerId: text("customer_id").references(() => customers.id, { onDelete: "set null" }),
    subjects: integer("subjects").notNull().default(0),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("api_calls_client_time_idx").on(t.clientId, t.occurredAt), index("api_calls_customer_idx").on(t.customerId)],
);

// Other systems' reads about customers: an API client asked how customers stand on a
// purpose (a consent check, one or bulk, or the check behind collected events). One row per
// call and purpose with the customers' ids in an array, so a bulk check of 10,000 customers
// writes one row (and one GIN entry each) instead of 10,000 access-log rows with a foreign
// key check each. Each customer sees the read in their access log (customer_access_log).
// No foreign key can point from an array: erasure removes the customer from every array
// (run-erasure-job), and writers lock the customers they read (FOR KEY SHARE) so that an
// erasure in progress cannot miss a read committed after its removal.
export const systemReads = pgTable(
  "system_reads",
  {
    // From staff_access_log's sequence: an entry's id is unique across the whole access log.
    id: bigint("id", { mode: "number" })
      .primaryKey()
      .default(sql`nextval(pg_get_serial_sequence('staff_access_log', 'id'))`),
    clientId: text("client_id")
      .notNull()
      .references(() => apiClients.id),
    /** The client's name when it read (what the customer is shown). */
    clientName: text("client_name").notNull(),
    purposeKey: text("purpose_key").notNull(),
    customerIds: text("customer_ids").array().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Inserted straight into the index, not through its pending list: a bulk check adds
    // 10,000 entries, and a pending list past its limit is merged by the next writer (a
    // half-second stall) while every reader of the access log scans it.
    index("system_reads_customers_idx").using("gin", t.customerIds).with({ fastupdate: false }),
    index("system_reads_client_time_idx").on(t.clientId, t.occurredAt),
  ],
);

// Interaction events a client sent that were not stored (no valid consent, a restriction,
// an erased or unknown customer): only counted, per client, day, purpose and reason.
export const apiEventDrops = pgTable(
  "api_event_drops",
  {
    clientId: text("client_id")
      .notNull()
      .references(() => apiClients.id),
    day: date("day").notNull(),
    purposeKey: text("purpose_key").notNull(),
    reason: text("reason").notNull(),
    events: integer("events").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.day, t.purposeKey, t.reason] })],
);

// Keyed pseudonyms (never the number or id itself) of erased customers' references, so
// the decision API can say "erased" rather than "unknown" without keeping who it was.
export const erasedReferences = pgTable("erased_references", {
  referenceHash: text("reference_hash").primaryKey(),
  erasedAt: timestamp("erased_at", { withTimezone: true }).notNull().defaultNow(),
});

export const webhookEventTypes = ["consent.changed", "preference.changed", "request.filed", "customer.erased"] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

// Where a client wants to hear about changes. The signing secret is stored encrypted
// (AES-256-GCM, key derived from AUTH_SECRET): it must be read back to sign.
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    clientId: text("client_id")
      .notNull()
      .references(() => apiClients.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    eventTypes: text("event_types", { enum: webhookEventTypes }).array().notNull(),
    secretCiphertext: text("secret_ciphertext").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [index("webhook_subscriptions_client_idx").on(t.clientId)],
);

export const webhookMessageStatuses = ["pending", "delivered", "failed"] as const;

// The outbox: one row per subscription and event, written in the same transaction as the
// change. Delivered in order per (subscription, order_key): order_key is a keyed pseudonym
// of the customer, so an erasure notice (whose customer row is gone) queues behind their
// earlier events. A customer's pending messages go with them on erasure (cascade); the
// erasure notice has no customer_id and its payload is emptied once it is delivered.
export const webhookMessages = pgTable(
  "webhook_messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** The Standard Webhooks `webhook-id`: the same on every attempt, for the receiver's idempotency. */
    messageId: text("message_id").notNull(),
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    customerId: text("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    orderKey: text("order_key").notNull(),
    eventType: text("event_type", { enum: webhookEventTypes }).notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
    status: text("status", { enum: webhookMessageStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("webhook_messages_message_id_idx").on(t.messageId),
    index("webhook_messages_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_messages_order_idx").on(t.subscriptionId, t.orderKey, t.id),
    index("webhook_messages_customer_idx").on(t.customerId),
  ],
);

// The delivery log: each attempt's outcome (HTTP status or an error class, never a body).
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: bigint("message_id", { mode: "number" })
      .notNull()
      .references(() => webhookMessages.id, { onDelete: "cascade" }),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
    statusCode: smallint("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    /** A person asked for it again in the studio (their user id). */
    redeliveredBy: text("redelivered_by"),
  },
  (t) => [index("webhook_attempts_message_idx").on(t.messageId, t.attemptedAt)],
);
