import "server-only";
import { desc, lt } from "drizzle-orm";
import { getDb } from "@/db";
import { auditLog, staffReviewEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { verifyAuditChain, type AuditChainReport } from "./verify-audit-chain";

export const AUDIT_PAGE_SIZE = 20;

/** One changed value of an entry, by its path ("texts.en.name"); absent sides are null. */
export type AuditFieldChange = { path: string; before: string | null; after: string | null };

export type AuditEntryDto = {
  id: number;
  occurredAt: Date;
  actorName: string;
  actorRole: string | null;
  action: string;
  target: string;
  changes: AuditFieldChange[];
};

/** The audit log newest first, a page at a time (keyset on the id), each entry's before/after as changed paths. */
export async function listAuditEntries(
  actor: Actor | null,
  options: { beforeId?: number } = {},
): Promise<{ entries: AuditEntryDto[]; nextBeforeId: number | null }> {
  assertStaff(actor, "audit.read");
  const db = await getDb();
  const rows = await db
    .select()
    .from(auditLog)
    .where(options.beforeId ? lt(auditLog.id, options.beforeId) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    entries: page.map((row) => ({
      id: row.id,
      occurredAt: row.occurredAt,
      actorName: row.actorName,
      actorRole: row.actorRole,
      action: row.action,
      target: `${row.targetType}:${row.targetId}`,
      changes: diffValues(row.before, row.after),
    })),
    nextBeforeId: rows.length > AUDIT_PAGE_SIZE ? page.at(-1)!.id : null,
  };
}

/** Whether the stored chain verifies, for the audit page (the same check as `npm run audit:verify`). */
export async function checkAuditChain(actor: Actor | null): Promise<AuditChainReport> {
  assertStaff(actor, "audit.read");
  return verifyAuditChain(await getDb());
}

export type BrowsingReviewDto = {
  id: number;
  occurredAt: Date;
  kind: string;
  staffName: string;
};

/** The agents' browsing-guard events (who went past the hourly limit, and when), newest first, for review. */
export async function listBrowsingReviews(actor: Actor | null, limit = 50): Promise<BrowsingReviewDto[]> {
  assertStaff(actor, "audit.read");
  const db = await getDb();
  const rows = await db.select().from(staffReviewEvents).orderBy(desc(staffReviewEvents.id)).limit(limit);
  return rows.map((row) => ({
    id: row.id,
    occurredAt: row.occurredAt,
    kind: row.kind,
    // Who and when is what the review needs; the event's details stay in the database.
    staffName: row.staffDisplayName,
  }));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const shown = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === "string" ? value : JSON.stringify(value);

/** Before and after as the paths whose values differ; objects are walked, lists and scalars compared whole. */
export function diffValues(before: unknown, after: unknown, path = ""): AuditFieldChange[] {
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    if (!isRecord(before) && before !== null && before !== undefined)
      return [{ path, before: shown(before), after: shown(after) }];
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.flatMap((key) => diffValues(b[key], a[key], path ? `${path}.${key}` : key));
  }
  const was = shown(before);
  const is = shown(after);
  return was === is ? [] : [{ path, before: was, after: is }];
}
