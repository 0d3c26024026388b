import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Every change staff (or a system acting for them) make, append-only and hash-chained:
// each entry stores the hash of the one before it, so an edited, removed or inserted row
// breaks the chain from that entry on (lib/audit/verify-audit-chain.ts finds the first).
// No customer_id column: an entry about a customer names them by a keyed pseudonym, so an
// erasure, which deletes every row keyed by the customer, leaves the chain whole and no id behind.
export const auditActorKinds = ["staff", "api_client", "system"] as const;

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    actorKind: text("actor_kind", { enum: auditActorKinds }).notNull(),
    /** The staff user's or API client's id, kept as text: the entry outlives the account. */
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    actorRole: text("actor_role"),
    /** What was done, e.g. `request.status_changed`, `purpose.published`. */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    before: jsonb("before").$type<unknown>(),
    after: jsonb("after").$type<unknown>(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_time_idx").on(t.occurredAt), index("audit_log_target_idx").on(t.targetType, t.targetId)],
);
export type AuditEntry = typeof auditLog.$inferSelect;
