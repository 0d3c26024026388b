import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, staffAccessLog, users } from "@/db/schema";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor";
import { maskEmail, maskName, maskPhone } from "@/lib/access-log/mask";
import { searchCustomers, searchLimit, SEARCH_RESULT_LIMIT } from "./search-customers";

async function person(givenName: string, familyName: string, email: string, phone: string | null) {
  const db = await getDb();
  const [user] = await db.insert(users).values({ email, name: givenName, role: "customer" }).returning();
  await db.insert(customers).values({ id: user!.id, givenName, familyName, phone });
  return user!.id;
}

let agent: StaffActor;
let kari: string;
let ola: string;

beforeAll(async () => {
  agent = await givenStaff("agent");
  kari = await person("Kari", "Nordmann", "kari.nordmann@example.com", "+47 912 34 123");
  ola = await person("Ola", "Hansen", "ola.h@example.org", "+47 400 11 222");
  await person("Karin", "Berg", "karin@example.net", null);
});

const ids = (hits: { customerId: string }[]) => hits.map((h) => h.customerId);

describe("searchCustomers", () => {
  it("finds a customer by a misspelt name, with masked identifiers only", async () => {
    const hits = await searchCustomers(agent, "Kary Nordman");
    expect(hits[0]).toEqual({
      customerId: kari,
      customerNumber: expect.any(Number),
      name: "Kari N.",
      email: "k•••@example.com",
      phone: "+47 ••• •• 123",
    });
    expect(JSON.stringify(hits)).not.toContain("nordmann@");
    expect(JSON.stringify(hits)).not.toContain("912");
  });

  it("finds by part of an email address, and by the end of a phone number however it is written", async () => {
    expect(ids(await searchCustomers(agent, "ola.h@"))).toEqual([ola]);
    expect(ids(await searchCustomers(agent, "400 11 222"))).toEqual([ola]);
    expect(ids(await searchCustomers(agent, "11222"))).toEqual([ola]);
    expect(ids(await searchCustomers(agent, "+4740011222"))).toEqual([ola]);
  });

  it("finds by customer number, the exact one first", async () => {
    const db = await getDb();
    const [row] = await db.select({ number: customers.customerNumber }).from(customers).where(eq(customers.id, kari));
    const hits = await searchCustomers(agent, String(row!.number));
    expect(hits[0]).toMatchObject({ customerId: kari, customerNumber: row!.number, name: "Kari N." });
    expect(row!.number).toBeGreaterThanOrEqual(100001);
  });

  it("lists the closest match first", async () => {
    const hits = await searchCustomers(agent, "karin");
    expect(hits[0]!.name).toBe("Karin B.");
    expect(ids(hits)).toContain(kari);
  });

  it("answers a query that can be neither a name nor an email from the names", async () => {
    expect(ids(await searchCustomers(agent, "Kari 4"))).toContain(kari);
  });

  it("treats LIKE wildcards in the query as text", async () => {
    expect(await searchCustomers(agent, "%%")).toEqual([]);
    expect(await searchCustomers(agent, "__@")).toEqual([]);
  });

  it("returns at most one page of hits", async () => {
    for (let i = 0; i < SEARCH_RESULT_LIMIT + 5; i++) {
      await person("Many", `Pagesen${i}`, `many-${randomBytes(3).toString("hex")}@example.test`, null);
    }
    expect(await searchCustomers(agent, "many")).toHaveLength(SEARCH_RESULT_LIMIT);
  });

  it("is not a look at anyone's data: nothing is written to the access log", async () => {
    const db = await getDb();
    const before = (await db.select().from(staffAccessLog)).length;
    await searchCustomers(agent, "Kari");
    expect((await db.select().from(staffAccessLog)).length).toBe(before);
  });

  it("never finds a phone number by a run of digits in its middle, nor by fewer than its last five", async () => {
    // A hit shows the last three digits: middle runs and short endings would spell out the rest.
    expect(ids(await searchCustomers(agent, "400 11"))).not.toContain(ola);
    expect(ids(await searchCustomers(agent, "00112"))).not.toContain(ola);
    await expect(searchCustomers(agent, "1222")).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { query: "phoneTooShort" },
    });
  });

  it("gives each agent a finite number of searches", async () => {
    const busy = await givenStaff("agent");
    for (let i = 0; i < searchLimit.limit; i++) await searchCustomers(busy, "Kari");
    await expect(searchCustomers(busy, "Kari")).rejects.toMatchObject({
      code: "rate_limited",
      fieldErrors: { query: "searchRateLimited" },
    });
    // Another agent is not held back.
    expect(ids(await searchCustomers(agent, "Kari"))).toContain(kari);
  });

  it("refuses a query that is too short, too long or holds invisible characters", async () => {
    for (const [query, field] of [
      ["k", "searchQuery"],
      ["  ", "searchQuery"],
      ["x".repeat(101), "searchQuery"],
      ["Ka\u200bri", "invisibleCharacters"],
    ] as const) {
      await expect(searchCustomers(agent, query)).rejects.toMatchObject({
        code: "invalid",
        fieldErrors: { query: field },
      });
    }
  });

  it("is for support agents only: customers, the product team and visitors are refused", async () => {
    const customer: CustomerActor = await givenCustomer("searcher");
    const product = await givenStaff("product");
    await expect(searchCustomers(customer, "Kari")).rejects.toMatchObject({ code: "forbidden" });
    await expect(searchCustomers(product, "Kari")).rejects.toMatchObject({ code: "forbidden" });
    await expect(searchCustomers(null, "Kari")).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("never lists staff", async () => {
    const db = await getDb();
    const [staffUser] = await db
      .insert(users)
      .values({ email: "kari.staff@example.com", name: "Kari", role: "agent" })
      .returning();
    const hits = await searchCustomers(agent, "kari.staff@");
    expect(ids(hits)).not.toContain(staffUser!.id);
  });
});

describe("masking", () => {
  it("keeps enough to tell people apart, not enough to reach them", () => {
    expect(maskEmail("kari.nordmann@example.com")).toBe("k•••@example.com");
    expect(maskEmail("broken")).toBe("•••");
    expect(maskPhone("+47 912 34 123")).toBe("+47 ••• •• 123");
    expect(maskPhone("91234123")).toBe("••• •• 123");
    expect(maskPhone("12")).toBe("•••");
    expect(maskPhone(null)).toBeNull();
    expect(maskName("Kari", "Nordmann")).toBe("Kari N.");
    expect(maskName("Kari", " ")).toBe("Kari");
  });
});
