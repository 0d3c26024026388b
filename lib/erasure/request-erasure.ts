import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { dataSubjectRequests } from "@/db/schema";
import { databaseNow } from "@/db/time";
import type { Actor, CustomerActor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { assertRecentSignIn } from "@/lib/auth/recent-sign-in";
import { env } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs/queue";
import { fileRequest, setRequestStatus } from "@/lib/requests/record-request";

export type ScheduledErasureDto = { requestId: string; scheduledFor: Date };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Schedules the deletion of the signed-in customer's account after the grace period
 * (TILLIT_ERASURE_GRACE_DAYS). Needs a sign-in from the last 10 minutes. A second request
 * while one is pending is refused (`conflict` / `erasurePending`, by a unique index).
 */
export async function requestErasure(actor: Actor | null): Promise<ScheduledErasureDto> {
  const customer = assertCustomer(actor, "account.erase.own");
  assertRecentSignIn(customer);
  const db = await getDb();
  const graceDays = env().TILLIT_ERASURE_GRACE_DAYS;
  return db.transaction(async (tx) => {
    const scheduledFor = new Date((await databaseNow(tx)).getTime() + graceDays * DAY_MS);
    // An erasure customer service filed for them (received, waiting) is the one they confirm now.
    const [filed] = await tx
      .select({ id: dataSubjectRequests.id })
      .from(dataSubjectRequests)
      .where(
        and(
          customerScope(dataSubjectRequests, customer),
          eq(dataSubjectRequests.kind, "erasure"),
          eq(dataSubjectRequests.status, "received"),
          isNotNull(dataSubjectRequests.filedByStaffUserId),
        ),
      )
      .for("update")
      .limit(1);
    const request = filed
      ? await confirmFiledErasure(tx, { requestId: filed.id, scope: customer, scheduledFor })
      : await fileRequest(tx, {
          customerId: customer.customerId,
          kind: "erasure",
          scheduledFor,
          steps: ["scheduled"],
        });
    await enqueueJob(tx, {
      kind: "erasure",
      customerId: customer.customerId,
      requestId: request.id,
      runAt: scheduledFor,
    });
    console.info(`[tillit] erasure ${request.id} scheduled`);
    return { requestId: request.id, scheduledFor };
  });
}

async function confirmFiledErasure(
  tx: Tx,
  input: { requestId: string; scope: CustomerActor; scheduledFor: Date },
): Promise<{ id: string }> {
  await tx
    .update(dataSubjectRequests)
    .set({ scheduledFor: input.scheduledFor })
    .where(and(eq(dataSubjectRequests.id, input.requestId), customerScope(dataSubjectRequests, input.scope)));
  return setRequestStatus(tx, { requestId: input.requestId, scope: input.scope, to: "scheduled" });
}
