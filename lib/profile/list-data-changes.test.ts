import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { dataChanges, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { getProfile } from "./get-profile";
import { listDataChanges } from "./list-data-changes";
import { givenAddress } from "./profile.test-support";
import { updateProfile } from "./update-profile";

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

let kari: Awaited<ReturnType<typeof givenCustomer>>;
let ola: Awaited<ReturnType<typeof givenCustomer>>;

beforeAll(async () => {
  kari = await givenCustomer("kari");
  ola = await givenCustomer("ola");
  const db = await getDb();
  await db.insert(dataChanges).values([
    ...Array.from({ length: 25 }, (_, i) => ({
      customerId: kari.customerId,
      field: i % 2 ? "phone" : "address",
      action: "updated" as const,
      occurredAt: minutesAgo(100 - i),
    })),
    { customerId: ola.customerId, field: "givenName", action: "updated", occurredAt: minutesAgo(0) },
  ]);
});

const strangers = [
  ["no actor", async () => null, "unauthenticated"],
  ["a support agent", () => givenStaff("agent"), "forbidden"],
] as const;

describe("listDataChanges", () => {
  it("lists the customer's own changes, newest first, 20 by default", async () => {
    const changes = await listDataChanges(kari);
    expect(changes).toHaveLength(20);
    expect(changes[0]).toEqual({
      id: expect.any(Number),
      field: "address",
      action: "updated",
      occurredAt: expect.any(Date),
      changedByName: null,
    });
    const times = changes.map((c) => c.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await listDataChanges(ola)).toEqual([expect.objectContaining({ field: "givenName" })]);
  });

  it("shows a new change first", async () => {
    await updateProfile(kari, { givenName: "Kari", familyName: "Tester", phone: null });
    expect((await listDataChanges(kari, { limit: 1 }))[0]).toMatchObject({ field: "givenName", action: "updated" });
  });

  it("keeps the limit between 1 and 100", async () => {
    expect(await listDataChanges(kari, { limit: 3 })).toHaveLength(3);
    expect(await listDataChanges(kari, { limit: 0 })).toHaveLength(1);
    expect(await listDataChanges(kari, { limit: 10_000 })).toHaveLength(26);
  });

  it.each(strangers)("refuses %s", async (_name, actor: () => Promise<Actor | null>, code) => {
    await expect(listDataChanges(await actor())).rejects.toMatchObject({ code });
  });
});

describe("getProfile", () => {
  it("gives the customer's details, email and own addresses, primary first", async () => {
    const customer = await givenCustomer("kari");
    const db = await getDb();
    const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, customer.userId));
    const work = await givenAddress(customer.customerId, { label: "work", line1: "Jobbveien 2" });
    const home = await givenAddress(customer.customerId, { line1: "Hjemveien 1", line2: "H0101", isPrimary: true });
    await givenAddress(ola.customerId, { line1: "Kongens gate 5", isPrimary: true });
    expect(await getProfile(customer)).toEqual({
      givenName: "kari",
      familyName: "Tester",
      email: user!.email,
      phone: null,
      birthDate: null,
      addresses: [
        {
          id: home.id,
          label: "home",
          line1: "Hjemveien 1",
          line2: "H0101",
          postcode: "0184",
          city: "Oslo",
          country: "NO",
          isPrimary: true,
        },
        {
          id: work.id,
          label: "work",
          line1: "Jobbveien 2",
          line2: null,
          postcode: "0184",
          city: "Oslo",
          country: "NO",
          isPrimary: false,
        },
      ],
    });
  });

  it.each(strangers)("refuses %s", async (_name, actor: () => Promise<Actor | null>, code) => {
    await expect(getProfile(await actor())).rejects.toMatchObject({ code });
  });
});
