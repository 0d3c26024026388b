import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { customers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { scopedCustomerId, type CustomerScope } from "@/lib/auth/customer-scope";
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
  return db.transaction((tx) => writeProfile(tx, { scope: customer, input }));
}

/**
 * The one writer of a customer's name and phone, for whoever holds the scope: the customer
 * themselves, or an agent carrying out a rectification (a staff scope, already logged;
 * `changedByName` is then the agent's first name, shown on the customer's change list).
 * `input` is already parsed by `updateProfileSchema`.
 */
export async function writeProfile(
  tx: Tx,
  options: { scope: CustomerScope; input: UpdateProfileInput; changedByName?: string | null },
): Promise<UpdateProfileResult> {
  const { scope, input } = options;
  const customerId = scopedCustomerId(scope);
  const current = await lockCustomer(tx, customerId);
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
    .where(eq(customers.id, customerId));
  await recordDataChanges(tx, customerId, changes, options.changedByName ?? null);
  return { changedFields: changes.map((c) => c.field) };
}

/** The scope's current name and phone (locked), for a writer that changes one field of them. */
export async function currentProfileFields(tx: Tx, scope: CustomerScope): Promise<UpdateProfileInput> {
  const row = await lockCustomer(tx, scopedCustomerId(scope));
  return { givenName: row.givenName, familyName: row.familyName, phone: row.phone };
}
