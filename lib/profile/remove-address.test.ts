import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { addresses, dataChanges } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { makePrimaryAddress } from "./make-primary-address";
import { removeAddress } from "./remove-address";
import { allProfileRows, givenAddress } from "./profile.test-support";

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

let ola: Awaited<ReturnType<typeof givenCustomer>>;
let olasAddress: Awaited<ReturnType<typeof givenAddress>>;

beforeAll(async () => {
  ola = await givenCustomer("ola");
  olasAddress = await givenAddress(ola.customerId, { line1: "Kongens gate 5", isPrimary: true });
});

async function primaryFlags(customerId: string) {
  const db = await getDb();
  const rows = await db
    .select({ line1: addresses.line1, isPrimary: addresses.isPrimary })
    .from(addresses)
    .where(eq(addresses.customerId, customerId))
    .orderBy(asc(addresses.createdAt));
  return rows.map((r) => `${r.line1}${r.isPrimary ? " *" : ""}`);
}

async function changesOf(customerId: string) {
  const db = await getDb();
  return db
    .select({ field: dataChanges.field, action: dataChanges.action })
    .from(dataChanges)
    .where(eq(dataChanges.customerId, customerId))
    .orderBy(dataChanges.id);
}

/** Kari with three addresses: the middle one primary. */
async function kariWithAddresses() {
  const kari = await givenCustomer("kari");
  const oldest = await givenAddress(kari.customerId, { line1: "Oldest", createdAt: daysAgo(300) });
  const primary = await givenAddress(kari.customerId, { line1: "Primary", isPrimary: true, createdAt: daysAgo(200) });
  const newest = await givenAddress(kari.customerId, { line1: "Newest", createdAt: daysAgo(100) });
  return { kari, oldest, primary, newest };
}

const strangers = [
  ["no actor", async () => null, "unauthenticated"],
  ["a support agent", () => givenStaff("agent"), "forbidden"],
  ["a product team member", () => givenStaff("product"), "forbidden"],
] as const;

describe("removeAddress", () => {
  it("removes an address that is not primary and records it", async () => {
    const { kari, newest } = await kariWithAddresses();
    expect(await removeAddress(kari, { id: newest.id })).toEqual({ newPrimaryId: null });
    expect(await primaryFlags(kari.customerId)).toEqual(["Oldest", "Primary *"]);
    expect(await changesOf(kari.customerId)).toEqual([{ field: "address", action: "removed" }]);
  });

  it("makes the oldest remaining address primary when the primary one is removed", async () => {
    const { kari, oldest, primary } = await kariWithAddresses();
    expect(await removeAddress(kari, { id: primary.id })).toEqual({ newPrimaryId: oldest.id });
    expect(await primaryFlags(kari.customerId)).toEqual(["Oldest *", "Newest"]);
    expect(await changesOf(kari.customerId)).toEqual([
      { field: "address", action: "removed" },
      { field: "primaryAddress", action: "updated" },
    ]);
  });

  it("may remove the last address", async () => {
    const kari = await givenCustomer("kari");
    const only = await givenAddress(kari.customerId, { isPrimary: true });
    expect(await removeAddress(kari, { id: only.id })).toEqual({ newPrimaryId: null });
    expect(await primaryFlags(kari.customerId)).toEqual([]);
  });

  it("answers not found for another customer's address and removes nothing", async () => {
    const { kari } = await kariWithAddresses();
    const before = await allProfileRows();
    await expect(removeAddress(kari, { id: olasAddress.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(removeAddress(kari, { id: randomUUID() })).rejects.toMatchObject({ code: "not_found" });
    expect(await allProfileRows()).toEqual(before);
  });

  it.each(strangers)("refuses %s and changes nothing", async (_name, actor: () => Promise<Actor | null>, code) => {
    const before = await allProfileRows();
    await expect(removeAddress(await actor(), { id: olasAddress.id })).rejects.toMatchObject({ code });
    expect(await allProfileRows()).toEqual(before);
  });

  it("keeps the address when its record cannot be written", async () => {
    const { kari, primary } = await kariWithAddresses();
    const before = await allProfileRows();
    const db = await getDb();
    await db.execute(sql`
      create function refuse_data_change() returns trigger language plpgsql as $$
      begin raise exception 'refused by test'; end $$`);
    await db.execute(sql`
      create trigger refuse_data_change before insert on data_changes
      for each row execute function refuse_data_change()`);
    try {
      await expect(removeAddress(kari, { id: primary.id })).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger refuse_data_change on data_changes`);
      await db.execute(sql`drop function refuse_data_change()`);
    }
    expect(await allProfileRows()).toEqual(before);
  });
});

describe("makePrimaryAddress", () => {
  it("moves the primary flag and records it", async () => {
    const { kari, newest } = await kariWithAddresses();
    expect(await makePrimaryAddress(kari, { id: newest.id })).toEqual({ changed: true });
    expect(await primaryFlags(kari.customerId)).toEqual(["Oldest", "Primary", "Newest *"]);
    expect(await changesOf(kari.customerId)).toEqual([{ field: "primaryAddress", action: "updated" }]);
  });

  it("changes and records nothing for the address that is already primary", async () => {
    const { kari, primary } = await kariWithAddresses();
    expect(await makePrimaryAddress(kari, { id: primary.id })).toEqual({ changed: false });
    expect(await changesOf(kari.customerId)).toEqual([]);
  });

  it("answers not found for another customer's address and changes nothing", async () => {
    const { kari } = await kariWithAddresses();
    await givenAddress(ola.customerId, { line1: "Ola's second", createdAt: daysAgo(1) });
    const before = await allProfileRows();
    await expect(makePrimaryAddress(kari, { id: olasAddress.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(makePrimaryAddress(kari, { id: randomUUID() })).rejects.toMatchObject({ code: "not_found" });
    expect(await allProfileRows()).toEqual(before);
  });

  it.each(strangers)("refuses %s and changes nothing", async (_name, actor: () => Promise<Actor | null>, code) => {
    const before = await allProfileRows();
    await expect(makePrimaryAddress(await actor(), { id: olasAddress.id })).rejects.toMatchObject({ code });
    expect(await allProfileRows()).toEqual(before);
  });
});
