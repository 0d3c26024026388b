import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

/** The chain's first link: the hash an empty log ends with. */
export const GENESIS_HASH = "0".repeat(64);

/** What an entry's hash covers: every column but its id and the hash itself. */
export type HashedAuditFields = {
  occurredAt: Date;
  actorKind: string;
  actorId: string;
  actorName: string;
  actorRole: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
};

export function auditEntryHash(entry: HashedAuditFields): string {
  const covered = canonicalJson({
    occurredAt: entry.occurredAt.toISOString(),
    actorKind: entry.actorKind,
    actorId: entry.actorId,
    actorName: entry.actorName,
    actorRole: entry.actorRole,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    prevHash: entry.prevHash,
  });
  return createHash("sha256").update(covered).digest("hex");
}
