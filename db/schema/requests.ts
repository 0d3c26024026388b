import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers } from "./customers";

// Data-subject requests (GDPR Art. 15–21): every export, rectification, erasure,
// restriction and objection, with its status history and due date (Art. 12(3)).

export const requestKinds = ["export", "rectification", "erasure", "restriction", "objection"] as const;
export type RequestKind = (typeof requestKinds)[number];
/**
 * received → in_progress → completed | rejected; an erasure waits as `scheduled` through
 * its grace period (and may be `cancelled`); a restriction in force is `completed` until `lifted`.
 */
export const requestStatuses = [
  "received",
  "scheduled",
  "in_progress",
  "completed",
  "rejected",
  "cancelled",
  "lifted",
] as const;
export type RequestStatus = (typeof requestStatuses)[number];
/** Statuses in which a request still needs work (and so counts against its due date). */
export const openRequestStatuses = ["received", "scheduled", "in_progress"] as const;

/** How a request reached the company: the customer's own portal, or an agent who filed it from a phone call, an email or a store visit. */
export const requestChannels = ["portal", "phone", "email", "store"] as const;
export type RequestChannel = (typeof requestChannels)[number];

export const dataSubjectRequests = pgTable(
  "data_subject_requests",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: requestKinds }).notNull(),
    status: text("status", { enum: requestStatuses }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** One calendar month after receipt, in Oslo dates (31 Jan → 28/29 Feb). */
    dueOn: date("due_on").notNull(),
    /** Set once, at most two further months, only with a reason the customer sees. */
    extendedDueOn: date("extended_due_on"),
    extensionReason: text("extension_reason"),
    /** The customer's own words (restriction, objection, rectification). */
    reason: text("reason"),
    /** Kind-specific, no free text beyond `reason`: purposes objected to, field to correct, export size… */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    /** Erasure: when the grace period ends and the deletion runs. */
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    channel: text("channel", { enum: requestChannels }).notNull().default("portal"),
    /** The agent who filed it for the customer (text, not a key: the request outlives the staff account). */
    filedByStaffUserId: text("filed_by_staff_user_id"),
    filedByName: text("filed_by_name"),
    assigneeUserId: text("assignee_user_id"),
    assigneeName: text("assignee_name"),
  },
  (t) => [
    index("data_subject_requests_customer_time_idx").on(t.customerId, t.receivedAt),
    // The support queue: open requests by due date.
    index("data_subject_requests_queue_idx").on(t.status, t.dueOn),
    // A second erasure while one is pending is refused by the database itself.
    uniqueIndex("data_subject_requests_one_open_erasure")
      .on(t.customerId)
      .where(sql`${t.kind} = 'erasure' and ${t.status} in ('received', 'scheduled', 'in_progress')`),
    // At most one restriction in force; every consent-based purpose reads it.
    uniqueIndex("data_subject_requests_one_restriction")
      .on(t.customerId)
      .where(sql`${t.kind} = 'restriction' and ${t.status} in ('received', 'in_progress', 'completed')`),
    check("data_subject_requests_extension_check", sql`(${t.extendedDueOn} is null) = (${t.extensionReason} is null)`),
  ],
);
export type DataSubjectRequest = typeof dataSubjectRequests.$inferSelect;

// Append-only status history of each request, shown to the customer.
export const dataSubjectRequestEvents = pgTable(
  "data_subject_request_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: text("request_id")
      .notNull()
      .references(() => dataSubjectRequests.id, { onDelete: "cascade" }),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    /** A status, or `extended` when the due date moved. */
    status: text("status", { enum: [...requestStatuses, "extended"] }).notNull(),
    // clock_timestamp(): several steps in one transaction keep their order.
    occurredAt: timestamp("occurred_at", { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
    /** Shown to the customer: a rejection or extension reason. */
    note: text("note"),
    /** The agent's first name when an agent made the change; null: the customer or the system. */
    staffName: text("staff_name"),
  },
  (t) => [index("data_subject_request_events_customer_idx").on(t.customerId, t.requestId, t.occurredAt)],
);

// Background jobs (export, erasure) in the database: claimed with FOR UPDATE SKIP LOCKED
// under a lease, so a crashed worker's job is picked up again after the lease runs out.
export const jobKinds = ["export", "erasure"] as const;
export type JobKind = (typeof jobKinds)[number];
export const jobStatuses = ["queued", "running", "done", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const jobs = pgTable(
  "jobs",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    kind: text("kind", { enum: jobKinds }).notNull(),
    // Both cascade: erasing a customer removes their jobs in the same transaction.
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    requestId: text("request_id")
      .notNull()
      .references(() => dataSubjectRequests.id, { onDelete: "cascade" }),
    status: text("status", { enum: jobStatuses }).notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    progressDone: bigint("progress_done", { mode: "number" }).notNull().default(0),
    progressTotal: bigint("progress_total", { mode: "number" }),
    /** An error class name, never a message (which could carry personal data). */
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("jobs_due_idx").on(t.status, t.runAt),
    index("jobs_customer_idx").on(t.customerId),
    uniqueIndex("jobs_one_per_request").on(t.requestId),
  ],
);
export type Job = typeof jobs.$inferSelect;

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

// A finished background export: the zip lives in the database (chunks), so any app
// process can serve it and erasure removes it in the same transaction as the rest.
export const exportFiles = pgTable(
  "export_files",
  {
    requestId: text("request_id")
      .primaryKey()
      .references(() => dataSubjectRequests.id, { onDelete: "cascade" }),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("export_files_customer_idx").on(t.customerId), index("export_files_expiry_idx").on(t.expiresAt)],
);

export const exportFileChunks = pgTable(
  "export_file_chunks",
  {
    requestId: text("request_id")
      .notNull()
      .references(() => dataSubjectRequests.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.seq] })],
);

// What an erasure leaves: no personal data, only that it happened and how much it removed.
export const erasureRecords = pgTable("erasure_records", {
  requestId: text("request_id").primaryKey(),
  requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
  completedAt: timestamp("completed_at", { withTimezone: true }).notNull().defaultNow(),
  /** Table name → rows deleted or anonymised. */
  tables: jsonb("tables").$type<Record<string, number>>().notNull(),
  /** Records kept by law (retained_records), by kind. */
  retained: jsonb("retained").$type<Record<string, number>>().notNull().default({}),
});

// Records the law makes the company keep after erasure (e.g. invoices, Bookkeeping Act
// § 13: five years after the end of the financial year). Restricted: only the legal
// purpose named here may read them, and they are deleted when `keep_until` passes.
export const retainedRecords = pgTable(
  "retained_records",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    kind: text("kind", { enum: ["invoice"] }).notNull(),
    /** The only purpose allowed to read the record. */
    legalPurpose: text("legal_purpose", { enum: ["bookkeeping"] }).notNull(),
    keepUntil: date("keep_until").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    erasureRequestId: text("erasure_request_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("retained_records_keep_until_idx").on(t.keepUntil)],
);
