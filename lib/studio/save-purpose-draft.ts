import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { purposeDrafts, purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { AppError } from "@/lib/errors";
import { draftContentOf, type SavePurposeDraftInput } from "./purpose-draft-schema";

/**
 * Saves the one draft of a purpose key, with its audit entry (before and after), in one
 * transaction. A new key may not exist yet, as a version or a draft; an edit must start
 * from the version that is published now (and from the draft's base, when one is open),
 * so that a form opened before someone else published is refused instead of undoing it.
 */
export async function savePurposeDraft(
  actor: Actor | null,
  input: SavePurposeDraftInput,
): Promise<{ key: string; created: boolean }> {
  const staff = assertStaff(actor, "purposes.write");
  const content = draftContentOf(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One writer per key at a time: the draft row, or the key's versions for a first draft.
    const [draft] = await tx.select().from(purposeDrafts).where(eq(purposeDrafts.key, input.key)).for("update");
    const [latest] = await tx
      .select({ version: purposes.version, status: purposes.status })
      .from(purposes)
      .where(eq(purposes.key, input.key))
      .orderBy(desc(purposes.version))
      .limit(1)
      .for("update");
    if (input.mode === "new") {
      if (draft || latest) throw new AppError("invalid", { fieldErrors: { key: "duplicateKey" } });
    } else {
      if (!draft && !latest) throw new AppError("not_found", { messageKey: "purposeNotFound" });
      const published = latest?.status === "published" ? latest.version : null;
      const base = draft ? draft.basedOnVersion : published;
      if (base !== input.basedOnVersion || base !== published) {
        throw new AppError("conflict", { messageKey: "staleVersion" });
      }
    }
    const now = new Date();
    if (draft) {
      await tx
        .update(purposeDrafts)
        .set({ content, updatedBy: staff.userId, updatedAt: now })
        .where(eq(purposeDrafts.key, input.key));
    } else {
      // Two first saves of one key at once: the later finds the row the earlier wrote.
      const written = await tx
        .insert(purposeDrafts)
        .values({
          key: input.key,
          basedOnVersion: input.mode === "new" ? null : input.basedOnVersion,
          content,
          updatedBy: staff.userId,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ key: purposeDrafts.key });
      if (written.length === 0) {
        throw input.mode === "new"
          ? new AppError("invalid", { fieldErrors: { key: "duplicateKey" } })
          : new AppError("conflict", { messageKey: "staleVersion" });
      }
    }
    await appendAuditEntry(tx, staff, {
      action: "purpose.draft_saved",
      target: { type: "purpose", id: input.key },
      before: draft?.content ?? null,
      after: content,
    });
    return { key: input.key, created: !draft };
  });
}
