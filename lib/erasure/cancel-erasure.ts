import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { dataSubjectRequests, jobs } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { setRequestStatus } from "@/lib/requests/record-request";

/**
 * Cancels the customer's scheduled erasure during its grace period. No recent sign-in is
 * needed: cancelling must be easy. The job row is locked first (as the job itself does),
 * so a deletion that has started cannot be cancelled half-way: it is refused instead.
 */
export async function cancelErasure(actor: Actor | null, requestId: string): Promise<void> {
  const customer = assertCustomer(actor, "account.erase.own");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [job] = await tx
      .select({ id: jobs.id, status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.requestId, requestId), customerScope(jobs, customer), eq(jobs.kind, "erasure")))
      .for("update")
      .limit(1);
    const [request] = await tx
      .select({ status: dataSubjectRequests.status })
      .from(dataSubjectRequests)
      .where(
        and(
          eq(dataSubjectRequests.id, requestId),
          customerScope(dataSubjectRequests, customer),
          eq(dataSubjectRequests.kind, "erasure"),
        ),
      )
      .limit(1);
    if (!request) throw new AppError("not_found");
    if (!job || job.status !== "queued" || request.status !== "scheduled") {
      throw new AppError("conflict", { messageKey: "erasureNotCancellable" });
    }
    await tx.delete(jobs).where(eq(jobs.id, job.id));
    await setRequestStatus(tx, {
      requestId,
      scope: customer,
      to: "cancelled",
      messageKey: "erasureNotCancellable",
    });
  });
  console.info(`[tillit] erasure ${requestId} cancelled`);
}
