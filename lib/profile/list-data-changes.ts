import "server-only";
import { desc } from "drizzle-orm";
import { getDb } from "@/db";
import { dataChanges } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";

export type DataChangeDto = {
  id: number;
  /** What changed, e.g. "givenName", "phone", "address", "primaryAddress". */
  field: string;
  action: "updated" | "added" | "removed" | "rejected";
  occurredAt: Date;
  /** The agent's first name when customer service made the change; null: the customer. */
  changedByName: string | null;
};

/** The signed-in customer's own recent changes to their data, newest first. */
export async function listDataChanges(actor: Actor | null, options: { limit?: number } = {}): Promise<DataChangeDto[]> {
  const customer = assertCustomer(actor, "profile.read.own");
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), 100);
  const db = await getDb();
  return db
    .select({
      id: dataChanges.id,
      field: dataChanges.field,
      action: dataChanges.action,
      occurredAt: dataChanges.occurredAt,
      changedByName: dataChanges.changedByName,
    })
    .from(dataChanges)
    .where(customerScope(dataChanges, customer))
    .orderBy(desc(dataChanges.occurredAt), desc(dataChanges.id))
    .limit(limit);
}
