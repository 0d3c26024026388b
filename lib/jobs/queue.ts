import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { jobs, type Job, type JobKind } from "@/db/schema";

// Background jobs live in the jobs table. A worker claims one with FOR UPDATE SKIP LOCKED
// and holds it under a lease that progress reports extend; a job whose lease ran out
// (the worker died) is claimed again. A handler that works inside one transaction also
// keeps the job row locked there, so it is never claimed twice while it runs.

export const DEFAULT_LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 5;

export async function enqueueJob(
  db: Executor,
  input: { kind: JobKind; customerId: string; requestId: string; runAt?: Date | SQL },
): Promise<Job> {
  const [job] = await db
    .insert(jobs)
    .values({
      kind: input.kind,
      customerId: input.customerId,
      requestId: input.requestId,
      runAt: input.runAt ?? sql`statement_timestamp()`,
    })
    .returning();
  return job!;
}

/** Claims the job due longest ago (queued, or running with a lapsed lease), or null. */
export async function claimNextJob(
  db: Executor,
  options: { workerId: string; kinds: readonly JobKind[]; leaseSeconds?: number },
): Promise<Job | null> {
  if (options.kinds.length === 0) return null;
  const lease = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        inArray(jobs.kind, [...options.kinds]),
        sql`((${jobs.status} = 'queued' and ${jobs.runAt} <= now()) or (${jobs.status} = 'running' and ${jobs.lockedUntil} < now()))`,
      ),
    )
    .orderBy(jobs.runAt)
    .limit(1)
    .for("update", { skipLocked: true });
  const [claimed] = await db
    .update(jobs)
    .set({
      status: "running",
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: options.workerId,
      lockedUntil: sql`now() + make_interval(secs => ${lease})`,
    })
    .where(inArray(jobs.id, due))
    .returning();
  return claimed ?? null;
}

/**
 * Records progress and extends the lease. Returns false when this worker no longer holds
 * the job (its lease ran out and another worker took it): the caller must stop.
 */
export async function reportJobProgress(
  db: Executor,
  input: { jobId: string; workerId: string; done: number; total?: number | null; leaseSeconds?: number },
): Promise<boolean> {
  const lease = input.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const updated = await db
    .update(jobs)
    .set({
      progressDone: input.done,
      ...(input.total !== undefined ? { progressTotal: input.total } : {}),
      lockedUntil: sql`now() + make_interval(secs => ${lease})`,
    })
    .where(and(eq(jobs.id, input.jobId), eq(jobs.lockedBy, input.workerId), eq(jobs.status, "running")))
    .returning({ id: jobs.id });
  return updated.length > 0;
}

export async function completeJob(db: Executor, input: { jobId: string; workerId: string }): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "done", finishedAt: sql`now()`, lockedBy: null, lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, input.jobId), eq(jobs.lockedBy, input.workerId)));
}

/**
 * A failed attempt: queued again after a growing pause, or `failed` after the last attempt.
 * Only the error's class name is stored: a message could carry personal data.
 */
export async function failJob(
  db: Executor,
  input: { jobId: string; workerId: string; errorName: string },
): Promise<"retry" | "failed"> {
  const [row] = await db
    .update(jobs)
    .set({
      status: sql`case when ${jobs.attempts} >= ${MAX_ATTEMPTS} then 'failed' else 'queued' end`,
      runAt: sql`now() + make_interval(secs => 30 * ${jobs.attempts} * ${jobs.attempts})`,
      finishedAt: sql`case when ${jobs.attempts} >= ${MAX_ATTEMPTS} then now() end`,
      lockedBy: null,
      lockedUntil: null,
      lastError: input.errorName.slice(0, 100),
    })
    .where(and(eq(jobs.id, input.jobId), eq(jobs.lockedBy, input.workerId)))
    .returning({ status: jobs.status });
  return row?.status === "failed" ? "failed" : "retry";
}

/**
 * Releases every running job at once. Only for the embedded database at start-up: the
 * data-folder lock guarantees that no other process is working on them.
 */
export async function releaseOrphanedJobs(db: Executor): Promise<number> {
  const released = await db
    .update(jobs)
    .set({ status: "queued", lockedBy: null, lockedUntil: null })
    .where(eq(jobs.status, "running"))
    .returning({ id: jobs.id });
  return released.length;
}
