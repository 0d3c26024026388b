import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { AppError } from "@/lib/errors";

/**
 * Retires a purpose: its version in force stops being in force, so no consent to it counts
 * any more (only published purposes are evaluated), and customers who had it see from when
 * it is no longer used. `version` is the one the product member saw: another is stale.
 */
export async function retirePurpose(
  actor: Actor | null,
  input: { key: string; version: number },
): Promise<{ key: string; version: number }> {
  const staff = assertStaff(actor, "purposes.publish");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ version: purposes.version })
      .from(purposes)
      .where(and(eq(purposes.key, input.key), eq(purposes.status, "published")))
      .for("update");
    if (!current || current.version !== input.version) throw new AppError("conflict", { messageKey: "staleVersion" });
    const retiredAt = new Date();
    await tx
      .update(purposes)
      .set({ status: "retired", retiredAt })
      .where(and(eq(purposes.key, input.key), eq(purposes.version, input.version)));
    await appendAuditEntry(tx, staff, {
      action: "purpose.retired",
      target: { type: "purpose", id: input.key },
      before: { version: input.version, status: "published" },
      after: { version: input.version, status: "retired" },
    });
    return { key: input.key, version: input.version };
  });
}
