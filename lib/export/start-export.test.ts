import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { dataSubjectRequestEvents, dataSubjectRequests, jobs } from "@/db/schema";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { changeRequestStatus } from "@/lib/requests/change-request-status";
import { fileRequestForCustomer } from "@/lib/requests/file-request-for-customer";
import { startExport } from "./start-export";
import { givenEvents, givenFreshCustomer } from "./export.test-support";

afterEach(() => {
  delete process.env.TILLIT_EXPORT_DIRECT_MAX_ROWS;
});

async function exportRequestsOf(customerId: string) {
  const db = await getDb();
  return db
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.customerId, customerId), eq(dataSubjectRequests.kind, "export")));
}

describe("startExport", () => {
  it("needs a sign-in from the last 10 minutes, and writes nothing without one", async () => {
    const customer = await givenCustomer("stale");
    await expect(startExport(customer, { locale: "nb" })).rejects.toMatchObject({
      code: "forbidden",
      messageKey: "reauthRequired",
    });
    const old = { ...customer, signedInAt: new Date(Date.now() - 11 * 60 * 1000) };
    await expect(startExport(old, { locale: "nb" })).rejects.toMatchObject({ messageKey: "reauthRequired" });
    expect(await exportRequestsOf(customer.customerId)).toHaveLength(0);
  });

  it("is for customers only", async () => {
    const agent = { ...(await givenStaff("agent")), signedInAt: new Date() };
    await expect(startExport(agent, { locale: "en" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(startExport(null, { locale: "en" })).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("completes a small export at once, as a direct download, with its history", async () => {
    const customer = await givenFreshCustomer();
    await givenEvents(customer.customerId, 20);
    const started = await startExport(customer, { locale: "en" });
    expect(started.mode).toBe("direct");
    const [request] = await exportRequestsOf(customer.customerId);
    expect(request).toMatchObject({ id: started.requestId, status: "completed", details: { mode: "direct" } });
    expect(request!.completedAt).not.toBeNull();
    const db = await getDb();
    const history = await db
      .select({ status: dataSubjectRequestEvents.status })
      .from(dataSubjectRequestEvents)
      .where(eq(dataSubjectRequestEvents.requestId, started.requestId))
      .orderBy(dataSubjectRequestEvents.occurredAt, dataSubjectRequestEvents.id);
    expect(history.map((h) => h.status)).toEqual(["received", "in_progress", "completed"]);
    expect(await db.select().from(jobs).where(eq(jobs.requestId, started.requestId))).toHaveLength(0);
  });

  it("answers an export customer service filed for the customer, instead of filing a second one", async () => {
    const customer = await givenFreshCustomer();
    const agent = await givenStaff("agent");
    const filed = await fileRequestForCustomer(agent, {
      customerId: customer.customerId,
      kind: "export",
      channel: "phone",
    });
    const started = await startExport(customer, { locale: "nb" });
    expect(started.requestId).toBe(filed.requestId);
    const requests = await exportRequestsOf(customer.customerId);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      status: "completed",
      channel: "phone",
      details: { mode: "direct", locale: "nb" },
    });
    // An agent cannot move a filed export on: the customer's start answers it.
    const second = await fileRequestForCustomer(agent, {
      customerId: customer.customerId,
      kind: "export",
      channel: "store",
    });
    await expect(
      changeRequestStatus(agent, { requestId: second.requestId, to: "in_progress", note: "" }),
    ).rejects.toMatchObject({ messageKey: "awaitsCustomer" });
    expect(await startExport(customer, { locale: "nb" })).toMatchObject({ requestId: second.requestId });
    // A filed one still waiting is no export made: after two, a third filed one is answered,
    // and then the limit of three a day holds.
    const third = await fileRequestForCustomer(agent, {
      customerId: customer.customerId,
      kind: "export",
      channel: "email",
    });
    const own = await startExport(customer, { locale: "nb" });
    expect(own.requestId).toBe(third.requestId);
    await expect(startExport(customer, { locale: "nb" })).rejects.toMatchObject({ messageKey: "exportRateLimited" });
    expect(await exportRequestsOf(customer.customerId)).toHaveLength(3);
  });

  it("queues a background job for an account above the threshold", async () => {
    process.env.TILLIT_EXPORT_DIRECT_MAX_ROWS = "10";
    const customer = await givenFreshCustomer();
    await givenEvents(customer.customerId, 50);
    const started = await startExport(customer, { locale: "nb" });
    expect(started.mode).toBe("background");
    const [request] = await exportRequestsOf(customer.customerId);
    expect(request).toMatchObject({ status: "in_progress", completedAt: null, details: { mode: "background" } });
    const db = await getDb();
    const [job] = await db.select().from(jobs).where(eq(jobs.requestId, started.requestId));
    expect(job).toMatchObject({ kind: "export", status: "queued", customerId: customer.customerId });
    await db.delete(jobs);
  });

  it("allows 3 exports in 24 hours; the 4th is refused and writes nothing", async () => {
    const customer = await givenFreshCustomer();
    for (let i = 0; i < 3; i += 1) await startExport(customer, { locale: "nb" });
    await expect(startExport(customer, { locale: "nb" })).rejects.toMatchObject({
      code: "rate_limited",
      messageKey: "exportRateLimited",
    });
    expect(await exportRequestsOf(customer.customerId)).toHaveLength(3);
    // Another customer is not affected.
    const other = await givenFreshCustomer("other");
    await expect(startExport(other, { locale: "nb" })).resolves.toMatchObject({ mode: "direct" });
    // Once the oldest is more than 24 hours old, one more may start.
    const db = await getDb();
    const [oldest] = (await exportRequestsOf(customer.customerId)).sort(
      (a, b) => a.receivedAt.getTime() - b.receivedAt.getTime(),
    );
    await db
      .update(dataSubjectRequests)
      .set({ receivedAt: sql`now() - interval '25 hours'` })
      .where(eq(dataSubjectRequests.id, oldest!.id));
    await expect(startExport(customer, { locale: "nb" })).resolves.toMatchObject({ mode: "direct" });
    await expect(startExport(customer, { locale: "nb" })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("counts concurrent starts exactly", async () => {
    const customer = await givenFreshCustomer();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => startExport(customer, { locale: "nb" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await exportRequestsOf(customer.customerId)).toHaveLength(3);
  });
});
