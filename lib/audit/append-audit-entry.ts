import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { auditLog, users } from "@/db/schema";
import type { ApiClientActor, StaffActor } from "@/lib/auth/actor";
import { pseudonymise } from "@/lib/security/hash";
import { auditEntryHash, GENESIS_HASH } from "./audit-hash";
import { rowsOf } from "@/db/rows-of";

/** Who made the change: a staff member, an API client, or a named system process. */
export type AuditActor = StaffActor | ApiClientActor | { kind: "system"; name: string };

export type AuditChange = {
  /** What was done, `<thing>.<verb>`: `request.status_changed`, `purpose.published`. */
  action: string;
  target: { type: string; id: string };
  /** The state before and after, without personal data (field names, statuses, purpose texts). */
  before?: unknown;
  after?: unknown;
};

/**
 * A customer as an audit target: a keyed pseudonym, never the id, so that an erasure
 * leaves no id of theirs in the log and the chain stays whole. Whoever holds the app
 * secret and a live customer id can still find that customer's entries.
 */
export function auditCustomerTarget(customerId: string): { type: "customer"; id: string } {
  return { type: "customer", id: pseudonymise("audit-customer", customerId) };
}

/**
 * Appends one entry in the caller's transaction, chained to the entry before it. Entries
 * are written one at a time (a transaction-scoped advisory lock, held to commit), so the
 * chain has one order; an audited change that rolls back takes its entry with it.
 */
export async function appendAuditEntry(
  tx: Tx,
  actor: AuditActor,
  change: AuditChange,
): Promise<{ id: number; hash: string }> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('tillit:audit_log', 0))`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const who = await describeActor(tx, actor);
  const entry = {
    // Millisecond precision, as a Date carries it, so the hash verifies after the round trip.
    occurredAt: await clockNow(tx),
    ...who,
    action: change.action,
    targetType: change.target.type,
    targetId: change.target.id,
    before: change.before ?? null,
    after: change.after ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = auditEntryHash(entry);
  const [row] = await tx
    .insert(auditLog)
    .values({ ...entry, hash })
    .returning({ id: auditLog.id });
  return { id: row!.id, hash };
}

async function describeActor(tx: Tx, actor: AuditActor) {
  switch (actor.kind) {
    case "staff": {
      const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).limit(1);
      return {
        actorKind: "staff" as const,
        actorId: actor.userId,
        actorName: user?.name ?? actor.role,
        actorRole: actor.role,
      };
    }
    case "api_client":
      return { actorKind: "api_client" as const, actorId: actor.clientId, actorName: actor.name, actorRole: null };
    case "system":
      return { actorKind: "system" as const, actorId: actor.name, actorName: actor.name, actorRole: null };
  }
}

async function clockNow(tx: Tx): Promise<Date> {
  const result = (await tx.execute(sql`select clock_timestamp() as now`)) as unknown;
  const rows = rowsOf<{ now: string | Date }>(result);
  return new Date(new Date(rows[0]!.now).getTime());
}
