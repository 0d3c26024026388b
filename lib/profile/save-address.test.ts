import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { addresses, dataChanges } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import type { SaveAddressInput } from "./profile-schema";
import { saveAddress } from "./save-address";
import { allProfileRows, givenAddress } from "./profile.test-support";

const home: SaveAddressInput = {
  label: "home",
  line1: "Storgata 12B",
  line2: null,
  postcode: "0184",
  city: "Oslo",
  country: "NO",
  makePrimary: false,
};

let ola: Awaited<ReturnType<typeof givenCustomer>>;
let olasAddress: Awaited<ReturnType<typeof givenAddress>>;

beforeAll(async () => {
  ola = await givenCustomer("ola");
  olasAddress = await givenAddress(ola.customerId, { line1: "Kongens gate 5", isPrimary: true });
});

async function addressesOf(customerId: string) {
  const db = await getDb();
  return db
    .select()
    .from(addresses)
    .where(eq(addresses.customerId, customerId))
    .orderBy(asc(addresses.createdAt), asc(addresses.id));
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

describe("saveAddress: adding", () => {
  it("adds the first address as primary and records it", async () => {
    const kari = await givenCustomer("kari");
    const result = await saveAddress(kari, home);
    expect(result.action).toBe("added");
    expect(await addressesOf(kari.customerId)).toEqual([
      expect.objectContaining({
        id: result.id,
        customerId: kari.customerId,
        ...omitMakePrimary(home),
        isPrimary: true,
      }),
    ]);
    expect(await changesOf(kari.customerId)).toEqual([{ field: "address", action: "added" }]);
  });

  it("adds later addresses as not primary unless asked", async () => {
    const kari = await givenCustomer("kari");
    const first = await saveAddress(kari, home);
    const work = await saveAddress(kari, { ...home, label: "work", line1: "Dronning Eufemias gate 16" });
    const cabin = await saveAddress(kari, { ...home, label: "other", line1: "Hytteveien 1", makePrimary: true });
    const rows = await addressesOf(kari.customerId);
    expect(rows.map((r) => [r.id, r.isPrimary])).toEqual([
      [first.id, false],
      [work.id, false],
      [cabin.id, true],
    ]);
    expect(await changesOf(kari.customerId)).toEqual([
      { field: "address", action: "added" },
      { field: "address", action: "added" },
      { field: "address", action: "added" },
      { field: "primaryAddress", action: "updated" },
    ]);
  });

  it(`refuses a sixth address and writes nothing`, async () => {
    const kari = await givenCustomer("kari");
    for (let i = 1; i <= 5; i++) await saveAddress(kari, { ...home, line1: `Storgata ${i}` });
    const before = await allProfileRows();
    await expect(saveAddress(kari, { ...home, line1: "Storgata 6" })).rejects.toMatchObject({
      code: "conflict",
      messageKey: "tooManyAddresses",
    });
    expect(await allProfileRows()).toEqual(before);
  });

  it("keeps the limit when adds race each other", async () => {
    const kari = await givenCustomer("kari");
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => saveAddress(kari, { ...home, line1: `Racegata ${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const rows = await addressesOf(kari.customerId);
    expect(rows).toHaveLength(5);
    expect(rows.filter((r) => r.isPrimary)).toHaveLength(1);
  });
});

describe("saveAddress: correcting", () => {
  it("corrects the customer's own address and records it", async () => {
    const kari = await givenCustomer("kari");
    const { id } = await saveAddress(kari, home);
    const corrected = { ...home, id, line1: "Storgata 14", line2: "H0203", postcode: "0185" };
    expect(await saveAddress(kari, corrected)).toEqual({ id, action: "updated" });
    expect(await addressesOf(kari.customerId)).toEqual([
      expect.objectContaining({ id, line1: "Storgata 14", line2: "H0203", postcode: "0185", isPrimary: true }),
    ]);
    expect(await changesOf(kari.customerId)).toEqual([
      { field: "address", action: "added" },
      { field: "address", action: "updated" },
    ]);
  });

  it("records nothing when nothing changed", async () => {
    const kari = await givenCustomer("kari");
    const { id } = await saveAddress(kari, home);
    expect(await saveAddress(kari, { ...home, id })).toEqual({ id, action: "unchanged" });
    expect(await saveAddress(kari, { ...home, id, makePrimary: true })).toEqual({ id, action: "unchanged" });
    expect(await changesOf(kari.customerId)).toEqual([{ field: "address", action: "added" }]);
  });

  it("moves the primary flag when asked, keeping exactly one primary", async () => {
    const kari = await givenCustomer("kari");
    const first = await saveAddress(kari, home);
    const second = await saveAddress(kari, { ...home, label: "work" });
    expect(await saveAddress(kari, { ...home, label: "work", id: second.id, makePrimary: true })).toEqual({
      id: second.id,
      action: "updated",
    });
    const rows = await addressesOf(kari.customerId);
    expect(rows.map((r) => [r.id, r.isPrimary])).toEqual([
      [first.id, false],
      [second.id, true],
    ]);
  });

  it("answers not found for another customer's address and leaves it as it was", async () => {
    const kari = await givenCustomer("kari");
    await saveAddress(kari, home);
    const before = await allProfileRows();
    await expect(
      saveAddress(kari, { ...home, id: olasAddress.id, line1: "Hijacked 1", makePrimary: true }),
    ).rejects.toMatchObject({ code: "not_found", messageKey: "not_found" });
    expect(await allProfileRows()).toEqual(before);
    expect(await addressesOf(ola.customerId)).toEqual([olasAddress]);
  });

  it("answers the same not found for an id that does not exist", async () => {
    const kari = await givenCustomer("kari");
    await expect(saveAddress(kari, { ...home, id: randomUUID() })).rejects.toMatchObject({
      code: "not_found",
      messageKey: "not_found",
    });
  });

  it.each(strangers)("refuses %s and changes nothing", async (_name, actor, code) => {
    const before = await allProfileRows();
    await expect(saveAddress(await actor(), home)).rejects.toMatchObject({ code });
    await expect(saveAddress(await actor(), { ...home, id: olasAddress.id })).rejects.toMatchObject({ code });
    expect(await allProfileRows()).toEqual(before);
  });

  it("writes neither the address nor its record when the record cannot be written", async () => {
    const kari = await givenCustomer("kari");
    const { id } = await saveAddress(kari, home);
    const before = await allProfileRows();
    const db = await getDb();
    await db.execute(sql`
      create function refuse_data_change() returns trigger language plpgsql as $$
      begin raise exception 'refused by test'; end $$`);
    await db.execute(sql`
      create trigger refuse_data_change before insert on data_changes
      for each row execute function refuse_data_change()`);
    try {
      await expect(saveAddress(kari, { ...home, line1: "Ny gate 1" })).rejects.toThrow();
      await expect(saveAddress(kari, { ...home, id, line1: "Ny gate 2" })).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger refuse_data_change on data_changes`);
      await db.execute(sql`drop function refuse_data_change()`);
    }
    expect(await allProfileRows()).toEqual(before);
  });
});

function omitMakePrimary({ makePrimary: _, ...rest }: SaveAddressInput) {
  return rest;
}
