import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { customers, jobs, type JobKind } from "@/db/schema";
import { withStaffAccess } from "@/lib/access-log/with-staff-access";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { maskName } from "@/lib/access-log/mask";
import { appendAuditEntry, auditCustomerTarget } from "@/lib/audit/append-audit-entry";

export const FAILED_JOBS_SHOWN = 50;

export type FailedJobDto = {
  id: string;
  kind: JobKind;
  requestId: string;
  attempts: number;
  /** The error's class name (never its message, which could carry personal data). */
  lastError: string | null;
  failedAt: Date | null;
  /** Masked, as in the queue. */
  customer: { name: string; number: number };
};

/**
 * Background jobs (exports, erasures) that failed every attempt, newest first, for the
 * support queue. Masked customers only: like the queue, not a look at anyone's data.
 */
export async function listFailedJobs(actor: Actor | null): Promise<FailedJobDto[]> {
  assertStaff(actor, "jobs.retry");
  const db = await getDb();
  const rows = await db
    .select({
      id: jobs.id,
      kind: jobs.kind,
      requestId: jobs.requestId,
      attempts: jobs.attempts,
      lastError: jobs.lastError,
      failedAt: jobs.finishedAt,
      givenName: customers.givenName,
      familyName: customers.familyName,
      number: customers.customerNumber,
    })
    .from(jobs)
    .innerJoin(customers, eq(customers.id, jobs.customerId))
    .where(eq(jobs.status, "failed"))
    .orderBy(desc(jobs.finishedAt), desc(jobs.id))
    .limit(FAILED_JOBS_SHOWN);
  return rows.map(({ givenName, familyName, number, ...job }) => ({
    ...job,
    customer: { name: maskName(givenName, familyName), number },
  }));
}

/**
 * An agent queues a failed job again from the start: queued, no attempts, due now, no
 * lease. Working on the customer's request is a look at them: logged (data-subject
 * request) in the same transaction. Only a job that failed all its attempts; an unknown
 * or malformed id is not-found, with nothing written.
 */
export async function retryFailedJob(actor: Actor | null, input: { jobId: string }): Promise<{ jobId: string }> {
  const staff = assertStaff(actor, "jobs.retry");
  const jobId = input?.jobId;
  if (typeof jobId !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(jobId)) {
    throw new AppError("not_found");
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select({ id: jobs.id, kind: jobs.kind, customerId: jobs.customerId, status: jobs.status })
      .from(jobs)
      .where(eq(jobs.id, jobId))
      .for("update")
      .limit(1);
    if (!job) throw new AppError("not_found");
    if (job.status !== "failed") throw new AppError("conflict", { messageKey: "jobNotFailed" });
    return withStaffAccess(
      tx,
      staff,
      { customerId: job.customerId, reasonCode: "data_subject_request" },
      async (scope) => {
        await tx
          .update(jobs)
          .set({
            status: "queued",
            attempts: 0,
            runAt: sql`statement_timestamp()`,
            lockedBy: null,
            lockedUntil: null,
            finishedAt: null,
          })
          .where(and(eq(jobs.id, job.id), customerScope(jobs, scope)));
        await appendAuditEntry(tx, staff, {
          action: "job.retried",
          target: auditCustomerTarget(job.customerId),
          before: { job: job.kind, status: "failed" },
          after: { job: job.kind, status: "queued" },
        });
        return { jobId: job.id };
      },
    );
  });
}
