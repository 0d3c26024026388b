import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { inferences, type LocalisedText } from "@/db/schema";
import { customerScope, type CustomerScope } from "@/lib/auth/customer-scope";

export type ActiveInference = {
  id: string;
  kind: (typeof inferences.kind.enumValues)[number];
  label: LocalisedText;
  derivedFrom: LocalisedText;
  sourceCategories: string[];
};

/**
 * The inferences that may be used for a customer (offers, segments, exports to other
 * systems). Every consumer reads them through here: one the customer rejected
 * ("this is wrong") must never be used again.
 */
export async function activeInferences(scope: CustomerScope, db?: Executor): Promise<ActiveInference[]> {
  const executor = db ?? (await getDb());
  return executor
    .select({
      id: inferences.id,
      kind: inferences.kind,
      label: inferences.label,
      derivedFrom: inferences.derivedFrom,
      sourceCategories: inferences.sourceCategories,
    })
    .from(inferences)
    .where(and(customerScope(inferences, scope), eq(inferences.status, "active")));
}
