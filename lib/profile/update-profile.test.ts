import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, dataChanges } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { allProfileRows } from "./profile.test-support";
import { updateProfile } from "./update-profile";

let other: Awaited<ReturnType<typeof givenCustomer>>;

beforeAll(async () => {
  // Another customer with history, so that "changes nothing" compares non-empty tables.
  other = await givenCustomer("other");
  await updateProfile(other, { givenName: "Other", familyName: "Person", phone: "+47 900 00 000" });
});

async function customerRow(customerId: string) {
  const db = await getDb();
  const [row] = await db.select().from(customers).where(eq(customers.id, customerId));
  return row!;
}

async function changesOf(customerId: string) {
  const db = await getDb();
  return db
    .select({ field: dataChanges.field, action: dataChanges.action })
    .from(dataChanges)
    .where(eq(dataChanges.customerId, customerId))
    .orderBy(dataChanges.id);
}

const strangers: [string, () => Promise<Actor | null>, string][] = [
  ["no actor", async () => null, "unauthenticated"],
  ["a support agent", () => givenStaff("agent"), "forbidden"],
  ["a product team member", () => givenStaff("product"), "forbidden"],
];

describe("updateProfile", () => {
  it("writes the changed fields and one change record per field, without values", async () => {
    const kari = await givenCustomer("kari");
    expect(await updateProfile(kari, { givenName: "Kari", familyName: "Nordmann", phone: "+47 912 34 567" })).toEqual({
      changedFields: ["givenName", "familyName", "phone"],
    });
    expect(await customerRow(kari.customerId)).toMatchObject({
      givenName: "Kari",
      familyName: "Nordmann",
      phone: "+47 912 34 567",
    });
    expect(await changesOf(kari.customerId)).toEqual([
      { field: "givenName", action: "updated" },
      { field: "familyName", action: "updated" },
      { field: "phone", action: "added" },
    ]);
    const db = await getDb();
    const [record] = await db.select().from(dataChanges).where(eq(dataChanges.customerId, kari.customerId));
    expect(Object.keys(record!).sort()).toEqual(["action", "changedByName", "customerId", "field", "id", "occurredAt"]);
    // The customer changed it themselves: no agent's name.
    expect(record!.changedByName).toBeNull();
  });

  it("records only what actually changed, and nothing when nothing did", async () => {
    const kari = await givenCustomer("kari");
    await updateProfile(kari, { givenName: "kari", familyName: "Tester", phone: "+47 912 34 567" });
    const before = await changesOf(kari.customerId);
    expect(await updateProfile(kari, { givenName: "kari", familyName: "Tester", phone: "+46701234567" })).toEqual({
      changedFields: ["phone"],
    });
    expect(await updateProfile(kari, { givenName: "kari", familyName: "Tester", phone: null })).toEqual({
      changedFields: ["phone"],
    });
    const updatedAt = (await customerRow(kari.customerId)).updatedAt;
    expect(await updateProfile(kari, { givenName: "kari", familyName: "Tester", phone: null })).toEqual({
      changedFields: [],
    });
    expect((await customerRow(kari.customerId)).updatedAt).toEqual(updatedAt);
    expect((await changesOf(kari.customerId)).slice(before.length)).toEqual([
      { field: "phone", action: "updated" },
      { field: "phone", action: "removed" },
    ]);
  });

  it("changes only the signed-in customer's own row", async () => {
    const kari = await givenCustomer("kari");
    const before = await customerRow(other.customerId);
    await updateProfile(kari, { givenName: "Kari", familyName: "Nordmann", phone: null });
    expect(await customerRow(other.customerId)).toEqual(before);
  });

  it.each(strangers)("refuses %s and changes nothing", async (_name, actor, code) => {
    const before = await allProfileRows();
    await expect(
      updateProfile(await actor(), { givenName: "Mallory", familyName: "X", phone: null }),
    ).rejects.toMatchObject({ name: "AppError", code });
    expect(await allProfileRows()).toEqual(before);
  });

  it("writes neither the change nor its record when the record cannot be written", async () => {
    const kari = await givenCustomer("kari");
    const before = await allProfileRows();
    const db = await getDb();
    await db.execute(sql`
      create function refuse_data_change() returns trigger language plpgsql as $$
      begin raise exception 'refused by test'; end $$`);
    await db.execute(sql`
      create trigger refuse_data_change before insert on data_changes
      for each row execute function refuse_data_change()`);
    try {
      await expect(updateProfile(kari, { givenName: "Changed", familyName: "Name", phone: null })).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger refuse_data_change on data_changes`);
      await db.execute(sql`drop function refuse_data_change()`);
    }
    expect(await allProfileRows()).toEqual(before);
  });

  it("writes no change record when the change itself fails", async () => {
    const kari = await givenCustomer("kari");
    const before = await allProfileRows();
    const db = await getDb();
    await db.execute(sql`
      create function refuse_customer_update() returns trigger language plpgsql as $$
      begin raise exception 'refused by test'; end $$`);
    await db.execute(sql`
      create trigger refuse_customer_update before update on customers
      for each row execute function refuse_customer_update()`);
    try {
      await expect(updateProfile(kari, { givenName: "Changed", familyName: "Name", phone: null })).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger refuse_customer_update on customers`);
      await db.execute(sql`drop function refuse_customer_update()`);
    }
    expect(await allProfileRows()).toEqual(before);
  });
});
