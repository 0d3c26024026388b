import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { dataSubjectRequests, exportFileChunks, exportFiles, jobs } from "@/db/schema";
import { runDueJobs } from "@/lib/jobs/runner";
import { givenStaff } from "@/lib/testing/factories";
import { listExports } from "./list-exports";
import { openExportDownload, type ExportDownload } from "./open-export-download";
import { purgeExpiredExports } from "./purge-expired-exports";
import { runExportJob } from "./run-export-job";
import { startExport } from "./start-export";
import { givenEvents, givenFreshCustomer, readAll, zipEntries } from "./export.test-support";

afterEach(() => {
  delete process.env.TILLIT_EXPORT_DIRECT_MAX_ROWS;
});

async function bytesOf(download: ExportDownload): Promise<Buffer> {
  return download.mode === "direct" ? readAll(download.open()) : readAll(download.chunks());
}

async function givenBackgroundExport() {
  process.env.TILLIT_EXPORT_DIRECT_MAX_ROWS = "10";
  const customer = await givenFreshCustomer("stored");
  await givenEvents(customer.customerId, 100);
  const { requestId, mode } = await startExport(customer, { locale: "nb" });
  expect(mode).toBe("background");
  return { customer, requestId };
}

describe("openExportDownload", () => {
  it("streams a direct export live from the database, named by its date", async () => {
    const customer = await givenFreshCustomer("direct");
    await givenEvents(customer.customerId, 30);
    const { requestId } = await startExport(customer, { locale: "en" });
    const download = await openExportDownload(customer, requestId);
    expect(download.mode).toBe("direct");
    expect(download.filename).toMatch(/^tillit-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = zipEntries(await bytesOf(download));
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(["data.json", "index.html"]));
    // A customer's own export: this session sees it as ready.
    const [item] = await listExports(customer);
    expect(item).toMatchObject({ requestId, state: "ready", mode: "direct" });
  });

  it("needs a sign-in from the last 10 minutes, checked before anything is read", async () => {
    const kari = await givenFreshCustomer("stale");
    await givenEvents(kari.customerId, 5);
    const { requestId } = await startExport(kari, { locale: "nb" });
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const stale = { ...kari, signedInAt: twoHoursAgo };
    const reauth = { code: "forbidden", messageKey: "reauthRequired" };
    await expect(openExportDownload(stale, requestId)).rejects.toMatchObject(reauth);
    // Unknown and malformed ids get the same answer: the refusal comes before any lookup.
    await expect(openExportDownload(stale, crypto.randomUUID())).rejects.toMatchObject(reauth);
    await expect(openExportDownload(stale, "not-a-uuid")).rejects.toMatchObject(reauth);
    // A session without a sign-in time (never from a magic link) is not recent either.
    const { signedInAt: _, ...withoutSignIn } = kari;
    await expect(openExportDownload(withoutSignIn, requestId)).rejects.toMatchObject(reauth);
    // Eleven minutes is too old; nine is fine.
    const at = (minutes: number) => ({ ...kari, signedInAt: new Date(Date.now() - minutes * 60_000) });
    await expect(openExportDownload(at(11), requestId)).rejects.toMatchObject(reauth);
    expect((await openExportDownload(at(9), requestId)).mode).toBe("direct");
  });

  it("gives everyone but the customer the same not-found", async () => {
    const kari = await givenFreshCustomer("kari");
    const ola = await givenFreshCustomer("ola");
    const { requestId } = await startExport(kari, { locale: "nb" });
    const agent = await givenStaff("agent");
    for (const [actor, id] of [
      [ola, requestId],
      [kari, crypto.randomUUID()],
      [kari, "not-a-uuid"],
      [kari, "'; drop table export_files; --"],
      [agent, requestId],
      [null, requestId],
    ] as const) {
      await expect(openExportDownload(actor, id)).rejects.toMatchObject({ code: "not_found", messageKey: "not_found" });
    }
  });

  it("refuses an export that is still being prepared", async () => {
    const { customer, requestId } = await givenBackgroundExport();
    await expect(openExportDownload(customer, requestId)).rejects.toMatchObject({ messageKey: "exportNotReady" });
    const [item] = await listExports(customer);
    expect(item).toMatchObject({ state: "preparing", progress: { done: 0 } });
    await (await getDb()).delete(jobs);
  });

  it("refuses a direct export 7 days after it completed", async () => {
    const customer = await givenFreshCustomer("old");
    const { requestId } = await startExport(customer, { locale: "nb" });
    await (
      await getDb()
    )
      .update(dataSubjectRequests)
      .set({ completedAt: sql`now() - interval '7 days 1 minute'` })
      .where(eq(dataSubjectRequests.id, requestId));
    await expect(openExportDownload(customer, requestId)).rejects.toMatchObject({ messageKey: "exportExpired" });
    expect((await listExports(customer))[0]).toMatchObject({ state: "expired" });
  });

  it("serves a stored export chunk by chunk, then the maintenance deletes it when it expires", async () => {
    const db = await getDb();
    const { customer, requestId } = await givenBackgroundExport();
    await runDueJobs(db, { export: runExportJob });
    const download = await openExportDownload(customer, requestId);
    expect(download.mode).toBe("background");
    const bytes = await bytesOf(download);
    expect(download.mode === "background" && download.sizeBytes).toBe(bytes.length);
    expect(Object.keys(zipEntries(bytes))).toContain("data.json");

    // Not yet expired: the purge leaves it.
    expect(await purgeExpiredExports(db)).toBe(0);
    await db
      .update(exportFiles)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(exportFiles.requestId, requestId));
    await expect(openExportDownload(customer, requestId)).rejects.toMatchObject({ messageKey: "exportExpired" });
    expect(await purgeExpiredExports(db)).toBe(1);
    expect(await db.select().from(exportFiles).where(eq(exportFiles.requestId, requestId))).toHaveLength(0);
    expect(await db.select().from(exportFileChunks).where(eq(exportFileChunks.requestId, requestId))).toHaveLength(0);
    const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId));
    expect(request!.status).toBe("completed");
    await expect(openExportDownload(customer, requestId)).rejects.toMatchObject({ messageKey: "exportExpired" });
    expect((await listExports(customer))[0]).toMatchObject({ state: "expired" });
  });
});
