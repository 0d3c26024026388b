import { asc, count, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db";
import { createTestDatabase } from "@/db/test-database.test-support";
import {
  addresses,
  consentEvents,
  consentStates,
  customers,
  devices,
  interactionEvents,
  orders,
  purposes,
  users,
} from "@/db/schema";
import { seedDemoData } from "./seed";

const YEAR = 365 * 24 * 60 * 60 * 1000;
const now = new Date();
const seededTables = {
  users,
  customers,
  addresses,
  orders,
  devices,
  interactionEvents,
  purposes,
  consentEvents,
  consentStates,
};

async function rowCounts(db?: Db) {
  const handle = db ?? (await getDb());
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(seededTables)) {
    const [row] = await handle.select({ n: count() }).from(table);
    counts[name] = row!.n;
  }
  return counts;
}

async function kari() {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, "kari@example.com"));
  return user!;
}

let firstRun: { seeded: boolean };

beforeAll(async () => {
  firstRun = await seedDemoData(await getDb(), now);
});

describe("seedDemoData", () => {
  it("publishes the nine demo purposes, with version 1 of personalised offers retired", async () => {
    const rows = await (await getDb()).select().from(purposes);
    expect(firstRun).toEqual({ seeded: true });
    const published = rows.filter((p) => p.status === "published");
    expect(published).toHaveLength(9);
    expect(rows.every((p) => p.publishedAt !== null)).toBe(true);
    expect(rows.filter((p) => p.status !== "published").map((p) => [p.key, p.version, p.status])).toEqual([
      ["personalised_offers", 1, "retired"],
    ]);
    expect(published.find((p) => p.key === "personalised_offers")!.version).toBe(2);
    expect(rows.map((p) => p.texts.en.name)).toEqual(
      expect.arrayContaining([
        "Order updates by SMS",
        "Personalised offers",
        "Product analytics",
        "Newsletter",
        "Sharing with delivery partner",
        "Processing your orders",
      ]),
    );
  });

  it("creates Kari with two addresses, a year of orders, three devices and interactions on every channel", async () => {
    const db = await getDb();
    const user = await kari();
    expect(user.role).toBe("customer");
    const [customer] = await db.select().from(customers).where(eq(customers.id, user.id));
    expect(customer).toMatchObject({ givenName: "Kari", familyName: "Nordmann" });

    expect(await db.select().from(addresses).where(eq(addresses.customerId, user.id))).toHaveLength(2);
    expect(await db.select().from(devices).where(eq(devices.customerId, user.id))).toHaveLength(3);

    const orderDates = (await db.select().from(orders).where(eq(orders.customerId, user.id))).map((o) => o.placedAt);
    expect(orderDates.length).toBeGreaterThan(0);
    for (const placedAt of orderDates) {
      expect(placedAt.getTime()).toBeGreaterThan(now.getTime() - YEAR);
      expect(placedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }

    const channels = await db
      .selectDistinct({ channel: interactionEvents.channel })
      .from(interactionEvents)
      .where(eq(interactionEvents.customerId, user.id));
    expect(channels.map((c) => c.channel)).toEqual(expect.arrayContaining(["web", "app", "store", "support"]));
  });

  it("gives Kari granted and withdrawn consents, each state equal to her last event for that purpose", async () => {
    const db = await getDb();
    const user = await kari();
    const states = await db.select().from(consentStates).where(eq(consentStates.customerId, user.id));
    expect(new Set(states.map((s) => s.granted))).toEqual(new Set([true, false]));

    const events = await db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.customerId, user.id))
      .orderBy(asc(consentEvents.occurredAt), asc(consentEvents.id));
    for (const state of states) {
      const last = events.filter((e) => e.purposeKey === state.purposeKey).at(-1)!;
      expect(state).toMatchObject({
        lastEventId: last.id,
        granted: last.action === "granted",
        purposeVersion: last.purposeVersion,
        updatedAt: last.occurredAt,
      });
    }
  });

  it("creates the demo support agent and product team member", async () => {
    const db = await getDb();
    const staff = await db
      .select({ email: users.email, role: users.role })
      .from(users)
      .where(ne(users.role, "customer"))
      .orderBy(users.email);
    expect(staff).toEqual([
      { email: "agent@example.com", role: "agent" },
      { email: "product@example.com", role: "product" },
    ]);
  });

  it("does nothing when run again", async () => {
    const before = await rowCounts();
    expect(await seedDemoData(await getDb())).toEqual({ seeded: false });
    expect(await rowCounts()).toEqual(before);
  });

  it("seeds once when two starts race on an empty database", async () => {
    const other = await createTestDatabase();
    try {
      const results = await Promise.all([seedDemoData(other.db), seedDemoData(other.db)]);
      expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
      expect(await rowCounts(other.db)).toEqual(await rowCounts());
    } finally {
      await other.close();
    }
  });
});
