import { asc, count, eq, ne, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db";
import { createTestDatabase } from "@/db/test-database.test-support";
import {
  addresses,
  consentEvents,
  consentStates,
  customers,
  devices,
  disclosures,
  interactionEvents,
  loyaltyAccounts,
  loyaltyTransactions,
  messagesSent,
  orders,
  purposes,
  users,
} from "@/db/schema";
import { actorForUser } from "@/lib/auth/actor";
import { listDisclosureRecipients } from "@/lib/access-log/list-disclosures";
import { computeBenefits } from "@/lib/consent/benefits";
import { getErasureOverview } from "@/lib/erasure/get-erasure-overview";
import { carriersOf } from "@/lib/messages/record-messages-sent";
import { osloIsoWeek } from "./iso-week";
import { seedDemoData } from "./seed";
import { readConsentOverview } from "@/lib/analytics/consent-analytics";
import { rollups } from "@/lib/analytics/rollups.test-support";
import { readTransparencyReport } from "@/lib/analytics/transparency-report";

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

  it("records a disclosure for every message an outside service carried, for every customer", async () => {
    const db = await getDb();
    const published = await db.select().from(purposes).where(eq(purposes.status, "published"));
    const recipientsOf = (key: string) => published.find((p) => p.key === key)?.recipients ?? [];
    const people = await db.select({ id: customers.id }).from(customers);
    expect(people.length).toBeGreaterThan(1);
    for (const { id } of people) {
      const sent = await db.select().from(messagesSent).where(eq(messagesSent.customerId, id));
      const shared = await db.select().from(disclosures).where(eq(disclosures.customerId, id));
      for (const channel of ["email", "sms", "push", "post"] as const) {
        const carried = sent.flatMap((m) =>
          m.channel === channel
            ? carriersOf(recipientsOf(m.purposeKey), channel).map(
                (c) => `${c.name}|${m.purposeKey}|${m.sentAt.toISOString()}`,
              )
            : [],
        );
        const carriers = new Set(published.flatMap((p) => carriersOf(p.recipients, channel).map((c) => c.name)));
        const disclosed = shared
          .filter((d) => carriers.has(d.recipientName))
          .map((d) => `${d.recipientName}|${d.purposeKey}|${d.disclosedAt.toISOString()}`);
        expect({ id, channel, disclosed: disclosed.sort() }).toEqual({ id, channel, disclosed: carried.sort() });
      }
      // The company sends no SMS itself: every one went through a gateway.
      for (const sms of sent.filter((m) => m.channel === "sms")) {
        expect(carriersOf(recipientsOf(sms.purposeKey), "sms")).not.toEqual([]);
      }
    }
  });

  it("names each of Kari's newsletters by the ISO week it was sent in", async () => {
    const db = await getDb();
    const user = await kari();
    const sent = await db.select().from(messagesSent).where(eq(messagesSent.customerId, user.id));
    const newsletters = sent.filter((m) => m.purposeKey === "newsletter");
    expect(newsletters).toHaveLength(26);
    for (const m of newsletters) expect(m.subject).toBe(`Nyhetsbrev uke ${osloIsoWeek(m.sentAt)}`);
  });

  it("shows Kari the email service and the SMS gateway among those who received her data", async () => {
    const db = await getDb();
    const user = await kari();
    const sent = await db.select().from(messagesSent).where(eq(messagesSent.customerId, user.id));
    const newsletters = sent.filter((m) => m.purposeKey === "newsletter" && m.channel === "email").length;
    const sms = sent.filter((m) => m.channel === "sms").length;
    expect({ newsletters, sms }).toEqual({ newsletters: 26, sms: 18 });
    const recipients = await listDisclosureRecipients(actorForUser(user), { locale: "en" });
    expect(recipients.map((r) => [r.recipientName, r.recipientCountry, r.times, r.purposeNames])).toEqual([
      ["Mailchimp (Intuit Inc.)", "US", newsletters, ["Newsletter"]],
      ["Link Mobility AS", "NO", sms, ["Order updates by SMS"]],
      ["Posten Bring AS", "NO", 18, ["Sharing with delivery partner", "Processing your orders"]],
    ]);
  });

  it("shows Kari benefits from her orders that were not returned, and points that were not taken back", async () => {
    const db = await getDb();
    const user = await kari();
    const mine = await db.select().from(orders).where(eq(orders.customerId, user.id));
    const kept = mine.filter((o) => o.status !== "returned" && o.status !== "cancelled");
    // The demo has returns, and they carried savings: the figures below would differ if they counted.
    const returned = mine.filter((o) => o.status === "returned");
    expect(returned.length).toBeGreaterThan(0);
    expect(returned.reduce((sum, o) => sum + o.offerSavingOre, 0)).toBeGreaterThan(0);

    const [account] = await db.select().from(loyaltyAccounts).where(eq(loyaltyAccounts.customerId, user.id));
    const points = await db.select().from(loyaltyTransactions).where(eq(loyaltyTransactions.customerId, user.id));
    // Every returned order's points were taken back, and the balance is the sum of what stands.
    expect(
      points
        .filter((t) => t.reason === "reversed")
        .map((t) => t.orderNumber)
        .sort(),
    ).toEqual(returned.map((o) => o.orderNumber).sort());
    expect(account!.pointsBalance).toBe(points.reduce((sum, t) => sum + t.points, 0));
    const earned = points
      .filter((t) => t.reason === "purchase" && kept.some((o) => o.orderNumber === t.orderNumber))
      .reduce((sum, t) => sum + t.points, 0);

    const refs = (await db.select().from(purposes).where(eq(purposes.status, "published"))).map((p) => ({
      key: p.key,
      benefitMetric: p.benefitMetric,
    }));
    const benefits = Object.fromEntries(await computeBenefits(actorForUser(user), refs, now));
    expect(benefits).toMatchObject({
      order_processing: {
        orders: kept.filter((o) => o.status === "delivered").length,
        savedAddress: kept.filter((o) => o.usedSavedAddress).length,
      },
      // Every order's receipt is kept, returned ones too (the Bookkeeping Act keeps their invoices).
      bookkeeping: { receipts: mine.length },
      personalised_offers: { savedOre: kept.reduce((sum, o) => sum + o.offerSavingOre, 0) },
      loyalty_programme: { earned, balance: account!.pointsBalance },
    });
    // The figures Kari reads on her purposes page (the demo is the same on every fresh install).
    // NOK 185.00 saved and 10 saved-address orders; counting the returns gave NOK 425.00 and 14.
    expect(benefits).toEqual({
      order_processing: { metric: "orders_delivered", orders: 12, savedAddress: 10 },
      bookkeeping: { metric: "receipts_kept", receipts: 18 },
      loyalty_programme: { metric: "loyalty_points", earned: 1_647, balance: 1_447 },
      personalised_offers: { metric: "offer_savings", savedOre: 18_500 },
      order_sms: { metric: "sms_updates", messages: 18 },
      newsletter: { metric: "newsletters", messages: 26 },
      delivery_partner_sharing: { metric: "partner_notifications", notifications: 3 },
    });
    // The receipts she is told are kept are the invoices her deletion page says the law keeps.
    const erasure = await getErasureOverview(actorForUser(user), "en");
    expect(erasure.keptInvoices.reduce((sum, group) => sum + group.orders, 0)).toBe(18);
  });

  it("gives the studio and the transparency report groups of 10 and more, kept by the rollups as a rebuild would", async () => {
    const db = await getDb();
    const kept = await rollups();
    await db.execute(sql`select analytics_rollups_rebuild()`);
    expect(await rollups()).toEqual(kept);
    const product = actorForUser((await db.select().from(users).where(eq(users.email, "product@example.com")))[0]!);
    const overview = await readConsentOverview(product, "en");
    const newsletter = overview.find((p) => p.key === "newsletter")!;
    expect(newsletter.total).toBeGreaterThanOrEqual(60);
    expect(newsletter.cells.find((c) => c.category === "granted")!.count).toBeGreaterThanOrEqual(10);
    const report = await readTransparencyReport("en", now);
    expect(report.months.some((m) => m.requests.received !== null)).toBe(true);
    expect(report.months.some((m) => m.staffAccesses.total !== null)).toBe(true);
  });
});
