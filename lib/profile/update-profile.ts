import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { customers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import { lockCustomer, recordDataChanges, type DataChange } from "./profile-writes";
import type { UpdateProfileInput } from "./profile-schema";

export type UpdateProfileResult = { changedFields: ("givenName" | "familyName" | "phone")[] };

/**
 * Corrects the signed-in customer's name and phone. Only fields whose value differs are
 * written, each with a data_changes row in the same transaction.
 */
export async function updateProfile(actor: Actor | null, input: UpdateProfileInput): Promise<UpdateProfileResult> {
  const customer = assertCustomer(actor, "profile.write.own");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await lockCustomer(tx, customer.customerId);
    const changes: (DataChange & { field: UpdateProfileResult["changedFields"][number] })[] = [];
    if (current.givenName !== input.givenName) changes.push({ field: "givenName", action: "updated" });
    if (current.familyName !== input.familyName) changes.push({ field: "familyName", action: "updated" });
    if (current.phone !== input.phone) {
      const action = current.phone === null ? "added" : input.phone === null ? "removed" : "updated";
      changes.push({ field: "phone", action });
    }
    if (changes.length === 0) return { changedFields: [] };
    await tx
      .update(customers)
      .set({ givenName: input.givenName, familyName: input.familyName, phone: input.phone, updatedAt: sql`now()` })
      .where(eq(customers.id, customer.customerId));
    await recordDataChanges(tx, customer.customerId, changes);
    return { changedFields: changes.map((c) => c.field) };
  });
}
