import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { dataChanges, inferences, type LocalisedText } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

export type RejectedInference = { id: string; label: LocalisedText; rejectedAt: Date };

/**
 * "This is wrong": the signed-in customer removes one of their inferences. It is marked
 * rejected (so it is never used or derived again) and the change is recorded in the
 * same transaction. Rejecting it again changes nothing; someone else's id is not found.
 */
export async function rejectInference(actor: Actor | null, input: { inferenceId: string }): Promise<RejectedInference> {
  const customer = assertCustomer(actor, "inferences.reject.own");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const mine = and(eq(inferences.id, input.inferenceId), customerScope(inferences, customer));
    const [rejected] = await tx
      .update(inferences)
      .set({ status: "rejected", rejectedAt: sql`clock_timestamp()` })
      .where(and(mine, eq(inferences.status, "active")))
      .returning({ id: inferences.id, label: inferences.label, rejectedAt: inferences.rejectedAt });
    if (rejected) {
      await tx.insert(dataChanges).values({
        customerId: customer.customerId,
        field: "inference",
        action: "rejected",
        occurredAt: rejected.rejectedAt!,
      });
      return { id: rejected.id, label: rejected.label, rejectedAt: rejected.rejectedAt! };
    }
    const [already] = await tx
      .select({ id: inferences.id, label: inferences.label, rejectedAt: inferences.rejectedAt })
      .from(inferences)
      .where(mine)
      .limit(1);
    if (!already?.rejectedAt) throw new AppError("not_found");
    return { id: already.id, label: already.label, rejectedAt: already.rejectedAt };
  });
}
