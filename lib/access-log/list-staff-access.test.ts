import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { staffAccessLog } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { listStaffAccess } from "./list-staff-access";
import { ACCESS_PAGE_SIZE } from "./paged";
import { recentStaffAccess } from "./recent-staff-access";

const DAY = 86_400_000;

async function givenAccesses(customerId: string, count: number, reason: string) {
  const db = await getDb();
  await db.insert(staffAccessLog).values(
    Array.from({ length: count }, (_, i) => ({
      customerId,
      staffUserId: "staff-1",
      staffRole: "agent" as const,
      staffDisplayName: "Siri",
      action: i % 2 === 0 ? ("view" as const) : ("reveal" as const),
      field: i % 2 === 0 ? null : "phone",
      reason: `${reason} ${i}`,
      occurredAt: new Date(Date.now() - (count - i) * DAY),
    })),
  );
}

describe("listStaffAccess", () => {
  it("lists only the signed-in customer's entries, newest first, a page at a time", async () => {
    const kari = await givenCustomer("kari");
    const ola = await givenCustomer("ola");
    await givenAccesses(kari.customerId, ACCESS_PAGE_SIZE + 5, "kari");
    await givenAccesses(ola.customerId, 2, "ola");

    const first = await listStaffAccess(kari);
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: ACCESS_PAGE_SIZE + 5 });
    expect(first.items).toHaveLength(ACCESS_PAGE_SIZE);
    // givenAccesses alternates views (even) and reveals of the phone (odd).
    const newest = ACCESS_PAGE_SIZE + 4;
    expect(first.items[0]).toEqual({
      id: expect.any(Number),
      occurredAt: expect.any(Date),
      staffRole: "agent",
      staffName: "Siri",
      action: newest % 2 === 0 ? "view" : "reveal",
      field: newest % 2 === 0 ? null : "phone",
      reason: `kari ${newest}`,
      reasonCode: null,
      justification: null,
      caseReference: null,
      verified: false,
      purposeNames: null,
    });
    const second = await listStaffAccess(kari, { page: 2 });
    expect(second.items.map((e) => e.reason)).toEqual(["kari 4", "kari 3", "kari 2", "kari 1", "kari 0"]);

    const olas = await listStaffAccess(ola);
    expect(olas.total).toBe(2);
    expect(olas.items.map((e) => e.reason)).toEqual(["ola 1", "ola 0"]);
  });

  it("clamps a page number out of range", async () => {
    const kari = await givenCustomer("clamp");
    await givenAccesses(kari.customerId, 3, "x");
    expect(await listStaffAccess(kari, { page: 9 })).toMatchObject({ page: 1, pageCount: 1, total: 3 });
    expect(await listStaffAccess(kari, { page: -1 })).toMatchObject({ page: 1 });
  });

  it("shows an empty list to a customer nobody has looked at", async () => {
    const nobody = await givenCustomer("nobody");
    expect(await listStaffAccess(nobody)).toEqual({ items: [], page: 1, pageCount: 1, total: 0 });
  });

  it("refuses staff and anonymous callers", async () => {
    await expect(listStaffAccess(await givenStaff("agent"))).rejects.toEqual(new AppError("forbidden"));
    await expect(listStaffAccess(null)).rejects.toEqual(new AppError("unauthenticated"));
  });
});

describe("recentStaffAccess", () => {
  it("gives the latest entries of the signed-in customer only", async () => {
    const kari = await givenCustomer("recent-kari");
    const ola = await givenCustomer("recent-ola");
    await givenAccesses(kari.customerId, 5, "kari");
    await givenAccesses(ola.customerId, 5, "ola");
    const recent = await recentStaffAccess(kari, { limit: 3 });
    expect(recent.map((e) => e.reason)).toEqual(["kari 4", "kari 3", "kari 2"]);
    expect(await recentStaffAccess(await givenCustomer("empty"), { limit: 3 })).toEqual([]);
    await expect(recentStaffAccess(await givenStaff("product"))).rejects.toEqual(new AppError("forbidden"));
  });
});
