import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Tx } from "@/db";
import { dataSubjectRequests, type DataSubjectRequest } from "@/db/schema";
import type { Actor, CustomerActor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { readRestriction } from "@/lib/consent/restriction";
import { AppError } from "@/lib/errors";
import { setRequestStatus } from "./record-request";
import { optionalReason, parseRequestInput, requestIdSchema } from "./request-schema";
import { awaitsCustomer } from "./staff-request-rules";

// The customer's answer to a request customer service filed for them that changes consent or
// deletes: only the customer puts it into effect. Erasure is confirmed on the deletion page
// (fresh sign-in and grace period, `requestErasure`) and an objection on the objection page
// (`objectToProcessing`), as when they ask themselves; a restriction here.

export const answerFiledRequestSchema = z.strictObject({ requestId: z.string({ error: "notFound" }) });
export const declineFiledRequestSchema = z.strictObject({
  requestId: z.string({ error: "notFound" }),
  reason: optionalReason,
});

/** The customer's own request that waits for their word, locked; anything else is not found. */
export async function waitingRequest(
  tx: Tx,
  customer: CustomerActor,
  requestId: string,
  kind?: DataSubjectRequest["kind"],
): Promise<DataSubjectRequest> {
  if (!requestIdSchema.safeParse(requestId).success) throw new AppError("not_found");
  const [request] = await tx
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.id, requestId), customerScope(dataSubjectRequests, customer)))
    .for("update")
    .limit(1);
  if (!request || (kind && request.kind !== kind)) throw new AppError("not_found");
  if (!awaitsCustomer(request)) throw new AppError("conflict", { messageKey: "requestNotOpen" });
  return request;
}

/** Puts a restriction customer service filed for the customer into force, as their own would be. */
export async function confirmFiledRestriction(
  actor: Actor | null,
  input: { requestId: string },
): Promise<{ requestId: string }> {
  const customer = assertCustomer(actor, "requests.write.own");
  const { requestId } = parseRequestInput(answerFiledRequestSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const request = await waitingRequest(tx, customer, requestId, "restriction");
    if (await readRestriction(tx, customer)) throw new AppError("conflict", { messageKey: "restrictionActive" });
    await setRequestStatus(tx, { requestId: request.id, scope: customer, to: "completed" });
    return { requestId: request.id };
  });
}

/** The customer declines what customer service filed for them: cancelled, with their words if they give any. */
export async function declineFiledRequest(
  actor: Actor | null,
  input: { requestId: string; reason?: string | null },
): Promise<{ requestId: string }> {
  const customer = assertCustomer(actor, "requests.write.own");
  const { requestId, reason } = parseRequestInput(declineFiledRequestSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const request = await waitingRequest(tx, customer, requestId);
    await setRequestStatus(tx, { requestId: request.id, scope: customer, to: "cancelled", note: reason });
    return { requestId: request.id };
  });
}
