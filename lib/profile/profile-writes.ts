import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "@/db";
import { addresses, customers, dataChanges } from "@/db/schema";
import { customerScope, type CustomerScope } from "@/lib/auth/customer-scope";
import { AppError } from "@/lib/errors";

/**
 * Locks the customer's row for the rest of the transaction, so that concurrent edits of
 * one customer's profile (the address limit, the one primary address) run one at a time.
 */
export async function lockCustomer(tx: Tx, customerId: string) {
  const [row] = await tx.select().from(customers).where(eq(customers.id, customerId)).limit(1).for("update");
  // The session outlived its customer (erased meanwhile).
  if (!row) throw new AppError("unauthenticated");
  return row;
}

export type DataChange = { field: string; action: "updated" | "added" | "removed" };

/**
 * The customer's own record of what changed, without old or new values; `changedByName`: the
 * agent's first name when customer service made the change (a rectification they carried out).
 */
export async function recordDataChanges(
  tx: Tx,
  customerId: string,
  changes: DataChange[],
  changedByName: string | null = null,
) {
  if (changes.length === 0) return;
  await tx.insert(dataChanges).values(changes.map((change) => ({ customerId, ...change, changedByName })));
}

/** The customer's own address, locked for the transaction; anyone else's is simply not found. */
export async function ownAddress(tx: Tx, scope: CustomerScope, id: string) {
  const [row] = await tx
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), customerScope(addresses, scope)))
    .limit(1)
    .for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/** Makes one of the customer's addresses the only primary one. */
export async function setPrimary(tx: Tx, scope: CustomerScope, id: string) {
  await tx
    .update(addresses)
    .set({ isPrimary: false })
    .where(and(customerScope(addresses, scope), eq(addresses.isPrimary, true), ne(addresses.id, id)));
  await tx
    .update(addresses)
    .set({ isPrimary: true })
    .where(and(customerScope(addresses, scope), eq(addresses.id, id)));
}
