import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { customers, dataChanges } from "@/db/schema";
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

/** The customer's own record of what changed, without old or new values. */
export async function recordDataChanges(tx: Tx, customerId: string, changes: DataChange[]) {
  if (changes.length === 0) return;
  await tx.insert(dataChanges).values(changes.map((change) => ({ customerId, ...change })));
}
