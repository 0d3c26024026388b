import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { addresses } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { lockCustomer, ownAddress, recordDataChanges, setPrimary, type DataChange } from "./profile-writes";
import type { AddressIdInput } from "./profile-schema";

export type RemoveAddressResult = { newPrimaryId: string | null };

/**
 * Deletes one of the signed-in customer's own addresses. Removing the primary one makes
 * the oldest remaining address primary, so there is always one while any is left.
 */
export async function removeAddress(actor: Actor | null, input: AddressIdInput): Promise<RemoveAddressResult> {
  const customer = assertCustomer(actor, "profile.write.own");
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockCustomer(tx, customer.customerId);
    const address = await ownAddress(tx, customer, input.id);
    await tx.delete(addresses).where(eq(addresses.id, address.id));
    const changes: DataChange[] = [{ field: "address", action: "removed" }];
    let newPrimaryId: string | null = null;
    if (address.isPrimary) {
      const [oldest] = await tx
        .select({ id: addresses.id })
        .from(addresses)
        .where(customerScope(addresses, customer))
        .orderBy(asc(addresses.createdAt), asc(addresses.id))
        .limit(1);
      if (oldest) {
        await setPrimary(tx, customer, oldest.id);
        newPrimaryId = oldest.id;
        changes.push({ field: "primaryAddress", action: "updated" });
      }
    }
    await recordDataChanges(tx, customer.customerId, changes);
    return { newPrimaryId };
  });
}
