import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { dataSubjectRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { fileRequest, setRequestStatus } from "./record-request";
import { parseRequestInput, requestIdSchema, restrictionSchema, type RestrictionInput } from "./request-schema";

/**
 * Art. 18: the customer restricts processing of their data on one of the Art. 18(1)
 * grounds. In force at once (filed received → completed); while it is, `evaluateConsent`
 * pauses every consent and legitimate-interest purpose. A second one → `restrictionActive`.
 */
export async function restrictProcessing(actor: Actor | null, input: RestrictionInput): Promise<{ requestId: string }> {
  const customer = assertCustomer(actor, "requests.write.own");
  const { ground, reason } = parseRequestInput(restrictionSchema, input);
  const db = await getDb();
  const request = await db.transaction((tx) =>
    fileRequest(tx, {
      customerId: customer.customerId,
      kind: "restriction",
      reason,
      details: { ground },
      steps: ["completed"],
    }),
  );
  return { requestId: request.id };
}

/** The customer lifts their own restriction; purposes follow their consents again at once. */
export async function liftRestriction(actor: Actor | null, requestId: string): Promise<{ lifted: true }> {
  const customer = assertCustomer(actor, "requests.write.own");
  if (!requestIdSchema.safeParse(requestId).success) throw new AppError("not_found");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [request] = await tx
      .select({ kind: dataSubjectRequests.kind })
      .from(dataSubjectRequests)
      .where(and(eq(dataSubjectRequests.id, requestId), customerScope(dataSubjectRequests, customer)))
      .limit(1);
    if (!request || request.kind !== "restriction") throw new AppError("not_found");
    await setRequestStatus(tx, { requestId, scope: customer, to: "lifted" });
  });
  return { lifted: true };
}
