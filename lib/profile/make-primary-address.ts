import "server-only";
import { getDb } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import { lockCustomer, ownAddress, recordDataChanges, setPrimary } from "./profile-writes";
import type { AddressIdInput } from "./profile-schema";

export type MakePrimaryAddressResult = { changed: boolean };

/** Makes one of the signed-in customer's own addresses the primary one. */
export async function makePrimaryAddress(
  actor: Actor | null,
  input: AddressIdInput,
): Promise<MakePrimaryAddressResult> {
  const customer = assertCustomer(actor, "profile.write.own");
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockCustomer(tx, customer.customerId);
    const address = await ownAddress(tx, customer, input.id);
    if (address.isPrimary) return { changed: false };
    await setPrimary(tx, customer, address.id);
    await recordDataChanges(tx, customer.customerId, [{ field: "primaryAddress", action: "updated" }]);
    return { changed: true };
  });
}
