import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { jobs } from "@/db/schema";
import { fileRequest } from "@/lib/requests/record-request";
import { givenCustomer } from "@/lib/testing/factories";
import { claimNextJob, enqueueJob, releaseOrphanedJobs, reportJobProgress } from "./queue";
import { runDueJobs } from "./runner";

async function givenQueuedExport(runAt?: Date) {
  const customer = await givenCustomer("jobs");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const request = await fileRequest(tx, { customerId: customer.customerId, kind: "export" });
    return enqueueJob(tx, { kind: "export", customerId: customer.customerId, requestId: request.id, runAt });
  });
}

describe("job queue", () => {
  it("claims a due job once, and not one that is not due yet", async () => {
    const db = await getDb();
    const later = await givenQueuedExport(new Date(Date.now() + 60 * 60 * 1000));
    const due = await givenQueuedExport();
    const first = await claimNextJob(db, { workerId: "a", kinds: ["export"] });
    expect(first?.id).toBe(due.id);
    expect(first?.attempts).toBe(1);
    expect(await claimNextJob(db, { workerId: "b", kinds: ["export"] })).toBeNull();
    const [notDue] = await db.select().from(jobs).where(eq(jobs.id, later.id));
    expect(notDue?.status).toBe("queued");
    await db.delete(jobs);
  });

  it("claims a running job again when its lease ran out, and the old worker loses it", async () => {
    const db = await getDb();
    const job = await givenQueuedExport();
    await claimNextJob(db, { workerId: "dead", kinds: ["export"] });
    expect(await reportJobProgress(db, { jobId: job.id, workerId: "dead", done: 10, total: 100 })).toBe(true);
    await db
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, job.id));
    const again = await claimNextJob(db, { workerId: "alive", kinds: ["export"] });
    expect(again?.id).toBe(job.id);
    expect(again?.attempts).toBe(2);
    expect(await reportJobProgress(db, { jobId: job.id, workerId: "dead", done: 20 })).toBe(false);
    await db.delete(jobs);
  });

  it("never hands one job to two concurrent claimers", async () => {
    const db = await getDb();
    for (let i = 0; i < 5; i += 1) await givenQueuedExport();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => claimNextJob(db, { workerId: `w${i}`, kinds: ["export"] })),
    );
    const ids = claims.filter((c) => c !== null).map((c) => c!.id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    await db.delete(jobs);
  });

  it("retries a failing handler later and records only the error's name", async () => {
    const db = await getDb();
    const job = await givenQueuedExport();
    const ran = await runDueJobs(db, {
      export: async () => {
        throw new TypeError("kari@example.com broke it");
      },
    });
    expect(ran).toBe(1);
    const [row] = await db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row?.status).toBe("queued");
    expect(row?.lastError).toBe("TypeError");
    expect(row!.runAt.getTime()).toBeGreaterThan(Date.now());
    await db.delete(jobs);
  });

  it("marks a job done after its handler, with progress", async () => {
    const db = await getDb();
    const job = await givenQueuedExport();
    await runDueJobs(db, {
      export: async ({ reportProgress }) => {
        await reportProgress(5, 10);
        await reportProgress(10);
      },
    });
    const [row] = await db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: "done", progressDone: 10, progressTotal: 10, lockedBy: null });
    await db.delete(jobs);
  });

  it("releases orphaned running jobs (embedded database start-up)", async () => {
    const db = await getDb();
    const job = await givenQueuedExport();
    await claimNextJob(db, { workerId: "crashed", kinds: ["export"] });
    expect(await releaseOrphanedJobs(db)).toBe(1);
    const [row] = await db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row?.status).toBe("queued");
    await db.delete(jobs);
  });
});
