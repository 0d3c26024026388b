import "server-only";
import { asc, gt } from "drizzle-orm";
import type { Executor } from "@/db";
import { auditLog } from "@/db/schema";
import { auditEntryHash, GENESIS_HASH } from "./audit-hash";

export type AuditChainReport =
  | { ok: true; entries: number; lastHash: string }
  | {
      ok: false;
      entries: number;
      /** The first entry that does not verify; every later one is suspect too. */
      firstBroken: { id: number; occurredAt: Date; problem: "content_changed" | "chain_broken" };
    };

const BATCH = 1_000;

/**
 * Recomputes every entry's hash in id order and checks that each names the hash of the
 * one before it. `content_changed`: the entry is not what was written (a column edited);
 * `chain_broken`: the entry before it is missing, inserted or replaced. Removing the newest
 * entries leaves a shorter chain that still verifies: compare `lastHash` with one kept elsewhere.
 */
export async function verifyAuditChain(db: Executor): Promise<AuditChainReport> {
  let previous = GENESIS_HASH;
  let entries = 0;
  let afterId = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, afterId))
      .orderBy(asc(auditLog.id))
      .limit(BATCH);
    for (const entry of batch) {
      entries += 1;
      if (entry.prevHash !== previous) {
        return {
          ok: false,
          entries,
          firstBroken: { id: entry.id, occurredAt: entry.occurredAt, problem: "chain_broken" },
        };
      }
      if (auditEntryHash(entry) !== entry.hash) {
        return {
          ok: false,
          entries,
          firstBroken: { id: entry.id, occurredAt: entry.occurredAt, problem: "content_changed" },
        };
      }
      previous = entry.hash;
    }
    if (batch.length < BATCH) return { ok: true, entries, lastHash: previous };
    afterId = batch.at(-1)!.id;
  }
}
