import { bigint, boolean, index, integer, jsonb, pgTable, pgView, text, timestamp } from "drizzle-orm/pg-core";
import { customers } from "./customers";

// The rest of what the company holds about a customer. Every table is keyed and
// indexed by customer_id first (see customers.ts).

export type LocalisedText = { nb: string; en: string };

export const loyaltyAccounts = pgTable("loyalty_accounts", {
  customerId: text("customer_id")
    .primaryKey()
    .references(() => customers.id, { onDelete: "cascade" }),
  memberNumber: text("member_number").notNull(),
  tier: text("tier", { enum: ["bronze", "silver", "gold"] }).notNull(),
  pointsBalance: integer("points_balance").notNull(),
  joinedAt: timestamp("joined_at", { withTimezone: true }).notNull(),
});

export const loyaltyTransactions = pgTable(
  "loyalty_transactions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    points: integer("points").notNull(),
    // "reversed": the points of a purchase taken back when the order was returned or cancelled.
    reason: text("reason", { enum: ["purchase", "bonus", "redeemed", "expired", "reversed"] }).notNull(),
    orderNumber: text("order_number"),
  },
  (t) => [index("loyalty_transactions_customer_time_idx").on(t.customerId, t.occurredAt)],
);

export const supportTickets = pgTable(
  "support_tickets",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    reference: text("reference").notNull(),
    subject: text("subject").notNull(),
    channel: text("channel", { enum: ["email", "chat", "phone", "store"] }).notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("support_tickets_customer_time_idx").on(t.customerId, t.createdAt)],
);

export const messagesSent = pgTable(
  "messages_sent",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: ["email", "sms", "push", "post"] }).notNull(),
    purposeKey: text("purpose_key").notNull(),
    subject: text("subject").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("messages_sent_customer_time_idx").on(t.customerId, t.sentAt)],
);

// What the company derived about the customer, and from what. A rejected inference
// ("this is wrong") is kept only as the fact that it must not be derived again.
export const inferences = pgTable(
  "inferences",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["segment", "interest"] }).notNull(),
    label: jsonb("label").$type<LocalisedText>().notNull(),
    derivedFrom: jsonb("derived_from").$type<LocalisedText>().notNull(),
    sourceCategories: text("source_categories").array().notNull(),
    status: text("status", { enum: ["active", "rejected"] })
      .notNull()
      .default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
  },
  (t) => [index("inferences_customer_idx").on(t.customerId, t.status)],
);

/** Reasons the system itself gives for a staff access; the customer reads them in their own language. */
export const staffAccessReasonCodes = ["data_subject_request", "support_code"] as const;
/** The reason on a system access: an API client asked about this customer's consent (`field`: the purpose). */
export const systemAccessReasonCodes = ["api_consent_check"] as const;

/**
 * Why staff open a customer (the justification category the customer sees): the
 * customer asked for help (with a case reference, or proven by a support code), a
 * data-subject request, a fraud or security review, a legal request.
 */
export const staffJustifications = [
  "customer_request",
  "data_subject_request",
  "fraud_security",
  "legal_request",
] as const;
export type StaffJustification = (typeof staffJustifications)[number];

// What an entry of a customer's access log says, in the table and in the view below (fresh
// builders per call: a column builder belongs to one table).
const accessEntryColumns = () => ({
  // Kept as text, not a foreign key: the entry outlives the staff account.
  staffUserId: text("staff_user_id").notNull(),
  // "system": an API client's read, as customer_access_log shows system_reads (such rows
  // were kept in staff_access_log until migration 0011 moved them there).
  staffRole: text("staff_role", { enum: ["agent", "product", "system"] }).notNull(),
  staffDisplayName: text("staff_display_name").notNull(),
  action: text("action", { enum: ["view", "reveal"] }).notNull(),
  field: text("field"),
  reason: text("reason").notNull(),
  // Set when the system gave the reason (null: an agent's own words, in `reason`).
  reasonCode: text("reason_code", { enum: [...staffAccessReasonCodes, ...systemAccessReasonCodes] }),
  justification: text("justification", { enum: staffJustifications }),
  /** The support case the customer opened (customer-initiated access). */
  caseReference: text("case_reference"),
  occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
});

// Append-only: every staff view of a customer and every reveal of a masked field.
export const staffAccessLog = pgTable(
  "staff_access_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    ...accessEntryColumns(),
    /** The caller proved to be the customer with a one-time support code. */
    verified: boolean("verified").notNull().default(false),
  },
  (t) => [
    index("staff_access_log_customer_time_idx").on(t.customerId, t.occurredAt),
    // The browsing guard counts an agent's distinct customers in the last hour.
    index("staff_access_log_staff_time_idx").on(t.staffUserId, t.occurredAt),
  ],
);

// A customer's whole access log, as "Who has seen my data" shows it: staff looks
// (staff_access_log) and other systems' reads (system_reads, one row per call and purpose
// however many customers; shown here as role "system", reason api_consent_check, the purpose
// in `field`). Created by migration 0011; filtered by customer_id, each branch uses its index
// (the second through customers' key and system_reads' GIN index). Ids are unique within one
// customer's log: system_reads draws its ids from staff_access_log's sequence (a read's id
// shows in the log of each customer it names).
export const customerAccessLog = pgView("customer_access_log", {
  id: bigint("id", { mode: "number" }).notNull(),
  customerId: text("customer_id").notNull(),
  ...accessEntryColumns(),
  verified: boolean("verified").notNull(),
}).existing();

// Events a reviewer looks at (an agent going past the browsing guard). No customer id:
// the entry outlives an erasure, and the access log beside it says whom.
export const staffReviewEvents = pgTable(
  "staff_review_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind", { enum: ["browsing_limit_exceeded"] }).notNull(),
    staffUserId: text("staff_user_id").notNull(),
    staffDisplayName: text("staff_display_name").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("staff_review_events_time_idx").on(t.occurredAt)],
);

// One-time codes a customer shows in the portal and reads to an agent on the phone.
// Only an HMAC of the code is kept; a code lasts 10 minutes and opens the record once.
export const supportCodes = pgTable(
  "support_codes",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    failedAttempts: integer("failed_attempts").notNull().default(0),
  },
  (t) => [index("support_codes_customer_idx").on(t.customerId, t.expiresAt)],
);

// Append-only: every time the customer's data left the company, to whom and why.
export const disclosures = pgTable(
  "disclosures",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    recipientName: text("recipient_name").notNull(),
    recipientCountry: text("recipient_country").notNull(),
    purposeKey: text("purpose_key").notNull(),
    dataCategories: text("data_categories").array().notNull(),
    reference: text("reference"),
    disclosedAt: timestamp("disclosed_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("disclosures_customer_time_idx").on(t.customerId, t.disclosedAt)],
);

// The customer's own changes (rectification), without the old values.
export const dataChanges = pgTable(
  "data_changes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    field: text("field").notNull(),
    action: text("action", { enum: ["updated", "added", "removed", "rejected"] }).notNull(),
    /** The agent's first name when an agent carried out the change for the customer; null: the customer. */
    changedByName: text("changed_by_name"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("data_changes_customer_time_idx").on(t.customerId, t.occurredAt)],
);
