import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { jobs, staffAccessLog } from "@/db/schema";
import { isAppError, type AppError } from "@/lib/errors";
import { fileRequest } from "@/lib/requests/record-request";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { listFailedJobs, retryFailedJob } from "./failed-jobs";
import { enqueueJob } from "./queue";
import { runDueJobs } from "./runner";

class ExportStorageError extends Error {
  constructor() {
    super("disk full while writing kari@example.com's export");
    this.name = "ExportStorageError";
  }
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** An export job whose handler throws on every attempt until it is marked failed. */
async function givenFailedExport() {
  const customer = await givenCustomer("jobs");
  const db = await getDb();
  const job = await db.transaction(async (tx) => {
    const request = await fileRequest(tx, { customerId: customer.customerId, kind: "export" });
    return enqueueJob(tx, { kind: "export", customerId: customer.customerId, requestId: request.id });
  });
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const [row] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, job.id));
    if (row?.status === "failed") break;
    // The runner pauses a failed attempt before the next one; make it due now.
    await db
      .update(jobs)
      .set({ runAt: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, job.id));
    await runDueJobs(db, {
      export: async () => {
        throw new ExportStorageError();
      },
    });
  }
  return { customer, job };
}

const viewsOf = async (customerId: string) => {
  const [row] = await (
    await getDb()
  )
    .select({ n: count() })
    .from(staffAccessLog)
    .where(eq(staffAccessLog.customerId, customerId));
  return row!.n;
};

describe("failed background jobs", () => {
  it("shows a job that failed all its attempts, and an agent's retry runs it to done, logged as a look", async () => {
    const agent = await givenStaff("agent");
    const { customer, job } = await givenFailedExport();
    const failed = await listFailedJobs(agent);
    expect(failed).toEqual([
      expect.objectContaining({
        id: job.id,
        kind: "export",
        attempts: 5,
        lastError: "ExportStorageError",
        customer: { name: "jobs T.", number: expect.any(Number) },
      }),
    ]);
    expect(await viewsOf(customer.customerId)).toBe(0);

    await retryFailedJob(agent, { jobId: job.id });
    const db = await getDb();
    const [queued] = await db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(queued).toMatchObject({ status: "queued", attempts: 0, lockedBy: null, lockedUntil: null });
    expect(await viewsOf(customer.customerId)).toBe(1);
    const [view] = await db.select().from(staffAccessLog).where(eq(staffAccessLog.customerId, customer.customerId));
    expect(view).toMatchObject({ staffUserId: agent.userId, reasonCode: "data_subject_request", action: "view" });
    expect(await listFailedJobs(agent)).toEqual([]);

    expect(await runDueJobs(db, { export: async () => {} })).toBe(1);
    const [done] = await db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(done).toMatchObject({ status: "done", attempts: 1, lastError: null });
  });

  it("refuses a job that has not failed, unknown ids, and anyone but an agent, writing nothing", async () => {
    const agent = await givenStaff("agent");
    const { customer, job } = await givenFailedExport();
    const db = await getDb();
    const other = await givenCustomer("queued");
    const queuedJob = await db.transaction(async (tx) => {
      const request = await fileRequest(tx, { customerId: other.customerId, kind: "export" });
      return enqueueJob(tx, { kind: "export", customerId: other.customerId, requestId: request.id });
    });
    expect(await refusal(retryFailedJob(agent, { jobId: queuedJob.id }))).toMatchObject({
      code: "conflict",
      messageKey: "jobNotFailed",
    });
    for (const jobId of ["00000000-0000-4000-8000-000000000000", "nope", "'; delete from jobs;--"]) {
      expect((await refusal(retryFailedJob(agent, { jobId }))).code).toBe("not_found");
    }
    expect((await refusal(retryFailedJob(await givenStaff("product"), { jobId: job.id }))).code).toBe("forbidden");
    expect((await refusal(retryFailedJob(customer, { jobId: job.id }))).code).toBe("forbidden");
    expect((await refusal(listFailedJobs(customer))).code).toBe("forbidden");
    const [still] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, job.id));
    expect(still?.status).toBe("failed");
    expect(await viewsOf(customer.customerId)).toBe(0);
    expect(await viewsOf(other.customerId)).toBe(0);
  });
});
