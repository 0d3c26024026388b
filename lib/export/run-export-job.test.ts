import { createHash } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { dataSubjectRequestEvents, dataSubjectRequests, exportFileChunks, exportFiles, jobs } from "@/db/schema";
import { claimNextJob } from "@/lib/jobs/queue";
import { JobLeaseLostError, runDueJobs } from "@/lib/jobs/runner";
import { listOutbox } from "@/lib/mail/outbox";
import { startSmtpReceiver } from "@/e2e/support/smtp";
import { runExportJob } from "./run-export-job";
import { startExport } from "./start-export";
import { givenEvents, givenFreshCustomer, zipEntries } from "./export.test-support";

beforeEach(() => {
  process.env.TILLIT_EXPORT_DIRECT_MAX_ROWS = "10";
});
afterEach(() => {
  delete process.env.TILLIT_EXPORT_DIRECT_MAX_ROWS;
});

async function givenBackgroundExport(events = 200) {
  const customer = await givenFreshCustomer("background");
  await givenEvents(customer.customerId, events);
  const started = await startExport(customer, { locale: "en" });
  expect(started.mode).toBe("background");
  return { customer, requestId: started.requestId };
}

async function storedZip(requestId: string) {
  const db = await getDb();
  const chunks = await db
    .select({ seq: exportFileChunks.seq, data: exportFileChunks.data })
    .from(exportFileChunks)
    .where(eq(exportFileChunks.requestId, requestId))
    .orderBy(asc(exportFileChunks.seq));
  return { seqs: chunks.map((c) => c.seq), bytes: Buffer.concat(chunks.map((c) => c.data)) };
}

describe("the export job", () => {
  it("stores the zip in chunks, records size and sha256, completes the request and says so", async () => {
    const db = await getDb();
    const { customer, requestId } = await givenBackgroundExport();
    expect(await runDueJobs(db, { export: runExportJob })).toBe(1);

    const { seqs, bytes } = await storedZip(requestId);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    const entries = zipEntries(bytes);
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(["data.json", "index.html"]));
    expect(Object.keys(entries).some((name) => name.endsWith(".csv"))).toBe(true);
    const data = JSON.parse(Buffer.from(entries["data.json"]!).toString("utf8"));
    expect(JSON.stringify(data)).toContain(customer.customerId);

    const [file] = await db.select().from(exportFiles).where(eq(exportFiles.requestId, requestId));
    expect(file!.sizeBytes).toBe(bytes.length);
    expect(file!.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const days = (file!.expiresAt.getTime() - file!.createdAt.getTime()) / (24 * 60 * 60 * 1000);
    expect(days).toBeCloseTo(7, 3);

    const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId));
    expect(request!.status).toBe("completed");
    const [job] = await db.select().from(jobs).where(eq(jobs.requestId, requestId));
    expect(job).toMatchObject({ status: "done" });
    expect(job!.progressDone).toBe(job!.progressTotal);

    const notice = listOutbox().find((m) => m.to === customer.email);
    expect(notice?.url).toMatch(/\/account\/export$/);
    expect(notice?.subject).toBe("Your Tillit export is ready");
  });

  it("after a crash mid-way, a retry starts over and leaves exactly one file", async () => {
    const db = await getDb();
    const { requestId } = await givenBackgroundExport();
    const claimed = await claimNextJob(db, { workerId: "crashed", kinds: ["export"] });
    expect(claimed?.requestId).toBe(requestId);
    // What the crashed worker left behind: some chunks, no file.
    await db.insert(exportFileChunks).values([
      { requestId, seq: 0, data: Buffer.from("half a zip") },
      { requestId, seq: 1, data: Buffer.from("and some more") },
      { requestId, seq: 2, data: Buffer.alloc(10) },
    ]);
    await db
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, claimed!.id));

    expect(await runDueJobs(db, { export: runExportJob })).toBe(1);
    const { bytes } = await storedZip(requestId);
    expect(Object.keys(zipEntries(bytes))).toContain("data.json");
    const files = await db.select().from(exportFiles).where(eq(exportFiles.requestId, requestId));
    expect(files).toHaveLength(1);
    expect(files[0]!.sizeBytes).toBe(bytes.length);
    const completions = await db
      .select()
      .from(dataSubjectRequestEvents)
      .where(and(eq(dataSubjectRequestEvents.requestId, requestId), eq(dataSubjectRequestEvents.status, "completed")));
    expect(completions).toHaveLength(1);
    // Nothing left to run.
    expect(await runDueJobs(db, { export: runExportJob })).toBe(0);
  });

  it("stops without a file when another worker took the job over", async () => {
    const db = await getDb();
    const { requestId } = await givenBackgroundExport();
    const claimed = await claimNextJob(db, { workerId: "slow", kinds: ["export"] });
    const lost = async () => {
      throw new JobLeaseLostError();
    };
    await expect(runExportJob({ db, job: claimed!, workerId: "slow", reportProgress: lost })).rejects.toBeInstanceOf(
      JobLeaseLostError,
    );
    expect(await db.select().from(exportFiles).where(eq(exportFiles.requestId, requestId))).toHaveLength(0);
    const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId));
    expect(request!.status).toBe("in_progress");
    await db.delete(jobs);
  });

  it("just ends when the request is gone (the customer was erased meanwhile)", async () => {
    const db = await getDb();
    const { customer, requestId } = await givenBackgroundExport();
    const claimed = await claimNextJob(db, { workerId: "w", kinds: ["export"] });
    await db.delete(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId));
    await expect(
      runExportJob({ db, job: claimed!, workerId: "w", reportProgress: async () => {} }),
    ).resolves.toBeUndefined();
    expect(await db.select().from(exportFileChunks).where(eq(exportFileChunks.requestId, requestId))).toHaveLength(0);
    expect(await db.select().from(exportFiles).where(eq(exportFiles.customerId, customer.customerId))).toHaveLength(0);
  });

  it("mails a link to the export page when mail is configured: no data, no attachment", async () => {
    const smtp = await startSmtpReceiver();
    process.env.EMAIL_SERVER = smtp.url;
    try {
      const db = await getDb();
      const { customer } = await givenBackgroundExport();
      const since = new Date();
      await runDueJobs(db, { export: runExportJob });
      const mail = await smtp.waitFor(customer.email, since);
      expect(mail.subject).toBe("Your Tillit export is ready");
      expect(mail.text).toMatch(/https?:\/\/\S+\/account\/export\n/);
      expect(mail.text).not.toContain(customer.customerId);
      // givenCustomer("background") named them "background Tester": no name in the mail.
      expect(mail.text).not.toMatch(/background|Tester/);
      expect(mail.headers["content-type"]).not.toMatch(/multipart\/mixed/);
    } finally {
      delete process.env.EMAIL_SERVER;
      await smtp.close();
    }
  });
});
