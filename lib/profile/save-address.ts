import "server-only";
import { count, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { addresses } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { lockCustomer, ownAddress, recordDataChanges, setPrimary, type DataChange } from "./profile-writes";
import { maxAddresses, type SaveAddressInput } from "./profile-schema";

export type SaveAddressResult = { id: string; action: "added" | "updated" | "unchanged" };

/**
 * Adds an address (without `id`) or corrects one of the signed-in customer's own. The
 * first address is primary; `makePrimary` moves the primary flag here. Unmarking the
 * primary is done by making another address primary, so there is always one.
 */
export async function saveAddress(actor: Actor | null, input: SaveAddressInput): Promise<SaveAddressResult> {
  const customer = assertCustomer(actor, "profile.write.own");
  const { id, makePrimary, ...fields } = input;
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockCustomer(tx, customer.customerId);
    const changes: DataChange[] = [];
    let address: { id: string; isPrimary: boolean };
    if (id === undefined) {
      const [existing] = await tx.select({ n: count() }).from(addresses).where(customerScope(addresses, customer));
      const n = existing?.n ?? 0;
      if (n >= maxAddresses) throw new AppError("conflict", { messageKey: "tooManyAddresses" });
      const [row] = await tx
        .insert(addresses)
        .values({ customerId: customer.customerId, ...fields, isPrimary: n === 0 })
        .returning({ id: addresses.id, isPrimary: addresses.isPrimary });
      address = row!;
      changes.push({ field: "address", action: "added" });
    } else {
      const current = await ownAddress(tx, customer, id);
      address = current;
      if ((Object.keys(fields) as (keyof typeof fields)[]).some((key) => current[key] !== fields[key])) {
        await tx.update(addresses).set(fields).where(eq(addresses.id, current.id));
        changes.push({ field: "address", action: "updated" });
      }
    }
    if (makePrimary && !address.isPrimary) {
      await setPrimary(tx, customer, address.id);
      changes.push({ field: "primaryAddress", action: "updated" });
    }
    await recordDataChanges(tx, customer.customerId, changes);
    const action = id === undefined ? "added" : changes.length > 0 ? "updated" : "unchanged";
    return { id: address.id, action };
  });
}
