import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { disclosures, loyaltyAccounts, loyaltyTransactions, messagesSent, orders } from "@/db/schema";
import { demoPurposes } from "@/lib/demo/demo-purposes";
import { getErasureOverview } from "@/lib/erasure/get-erasure-overview";
import { givenCustomer, givenPublishedPurposes } from "@/lib/testing/factories";
import { computeBenefits } from "./benefits";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const refs = demoPurposes.map((p) => ({ key: p.key, benefitMetric: p.benefitMetric ?? null }));

type OrderStatus = (typeof orders.status.enumValues)[number];
function order(customerId: string, orderNumber: string, status: OrderStatus, daysAgo: number, savingOre = 0) {
  return {
    customerId,
    orderNumber,
    placedAt: ago(daysAgo),
    status,
    channel: "web" as const,
    itemCount: 1,
    totalOre: 50_000,
    offerSavingOre: savingOre,
    usedSavedAddress: true,
  };
}

beforeAll(async () => {
  await givenPublishedPurposes();
});

describe("computeBenefits counts only what really happened", () => {
  it("leaves out returned and cancelled orders and reversed points, and shows every other figure exactly", async () => {
    const c = await givenCustomer("returns");
    const db = await getDb();
    await db.insert(orders).values([
      order(c.customerId, "D1", "delivered", 10, 12_000),
      { ...order(c.customerId, "D2", "delivered", 100, 30_000), usedSavedAddress: false },
      order(c.customerId, "S1", "shipped", 3, 5_000),
      order(c.customerId, "R1", "returned", 50, 8_000),
      order(c.customerId, "R2", "returned", 200, 16_000),
      order(c.customerId, "C1", "cancelled", 20, 4_000),
      // Older than a year: a receipt still kept, no longer a saving or a delivery of the year.
      order(c.customerId, "OLD", "delivered", 400, 99_900),
      order(c.customerId, "OLDR", "returned", 700, 1_000),
    ]);
    await db.insert(loyaltyTransactions).values([
      { customerId: c.customerId, occurredAt: ago(10), points: 500, reason: "purchase", orderNumber: "D1" },
      { customerId: c.customerId, occurredAt: ago(100), points: 700, reason: "purchase", orderNumber: "D2" },
      { customerId: c.customerId, occurredAt: ago(3), points: 50, reason: "purchase", orderNumber: "S1" },
      // Returned, and the points taken back.
      { customerId: c.customerId, occurredAt: ago(50), points: 300, reason: "purchase", orderNumber: "R1" },
      { customerId: c.customerId, occurredAt: ago(40), points: -300, reason: "reversed", orderNumber: "R1" },
      // Returned, with no reversal row (yet): the order's status is enough.
      { customerId: c.customerId, occurredAt: ago(200), points: 400, reason: "purchase", orderNumber: "R2" },
      { customerId: c.customerId, occurredAt: ago(20), points: 100, reason: "purchase", orderNumber: "C1" },
      // A store purchase that is not among the orders, reversed at the till.
      { customerId: c.customerId, occurredAt: ago(30), points: 80, reason: "purchase", orderNumber: "STORE-9" },
      { customerId: c.customerId, occurredAt: ago(29), points: -80, reason: "reversed", orderNumber: "STORE-9" },
      { customerId: c.customerId, occurredAt: ago(60), points: 250, reason: "bonus", orderNumber: null },
      { customerId: c.customerId, occurredAt: ago(9), points: -200, reason: "redeemed", orderNumber: null },
      { customerId: c.customerId, occurredAt: ago(400), points: 900, reason: "purchase", orderNumber: "OLD" },
    ]);
    await db.insert(loyaltyAccounts).values({
      customerId: c.customerId,
      memberNumber: "1",
      tier: "silver",
      pointsBalance: 2_200,
      joinedAt: ago(800),
    });
    await db.insert(messagesSent).values([
      { customerId: c.customerId, channel: "sms", purposeKey: "order_sms", subject: "R1 sendt", sentAt: ago(49) },
      { customerId: c.customerId, channel: "sms", purposeKey: "order_sms", subject: "D1 sendt", sentAt: ago(9) },
      { customerId: c.customerId, channel: "email", purposeKey: "newsletter", subject: "Uke 1", sentAt: ago(7) },
    ]);
    await db.insert(disclosures).values({
      customerId: c.customerId,
      recipientName: "Posten Bring AS",
      recipientCountry: "NO",
      purposeKey: "delivery_partner_sharing",
      dataCategories: ["contact"],
      disclosedAt: ago(10),
    });

    const benefits = await computeBenefits(c, refs, now);
    expect(Object.fromEntries(benefits)).toEqual({
      // D1 and D2; the saved address was used for D1 and S1 (R1, R2 and C1 were returned or cancelled).
      order_processing: { metric: "orders_delivered", orders: 2, savedAddress: 2 },
      // Every order: the invoices of returned and cancelled ones are kept by law too.
      bookkeeping: { metric: "receipts_kept", receipts: 8 },
      // D1 + D2 + S1 + the bonus; the balance is the account's.
      loyalty_programme: { metric: "loyalty_points", earned: 1_500, balance: 2_200 },
      // D1 + D2 + S1: NOK 470, not the NOK 750 that counting R1, R2 and C1 would give.
      personalised_offers: { metric: "offer_savings", savedOre: 47_000 },
      // Messages that were sent did arrive, whatever became of the order.
      order_sms: { metric: "sms_updates", messages: 2 },
      newsletter: { metric: "newsletters", messages: 1 },
      delivery_partner_sharing: { metric: "partner_notifications", notifications: 1 },
    });
  });

  it("counts a receipt for exactly the orders whose invoices the deletion page says are kept", async () => {
    const c = await givenCustomer("receipts");
    const db = await getDb();
    const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Oslo", year: "numeric" }).format(now));
    // Midnight starting 1 January in Oslo of the oldest financial year whose invoices are kept.
    const firstKept = new Date(`${year - 5}-01-01T00:00:00+01:00`);
    await db.insert(orders).values([
      order(c.customerId, "D", "delivered", 10),
      order(c.customerId, "R", "returned", 40),
      order(c.customerId, "C", "cancelled", 300),
      { ...order(c.customerId, "FIRST", "returned", 0), placedAt: firstKept },
      // The last moment of the year before: its invoice has gone.
      { ...order(c.customerId, "GONE", "delivered", 0), placedAt: new Date(firstKept.getTime() - 1) },
    ]);
    const overview = await getErasureOverview(c, "en");
    const kept = overview.keptInvoices.reduce((sum, group) => sum + group.orders, 0);
    expect({ kept, past: overview.ordersPastRetention }).toEqual({ kept: 4, past: 1 });
    expect((await computeBenefits(c, refs, now)).get("bookkeeping")).toEqual({
      metric: "receipts_kept",
      receipts: kept,
    });
  });

  it("gives no figure for a purpose when every order behind it was returned or cancelled, but keeps their receipts", async () => {
    const c = await givenCustomer("all-returned");
    const db = await getDb();
    await db
      .insert(orders)
      .values([order(c.customerId, "R", "returned", 30, 9_000), order(c.customerId, "C", "cancelled", 5, 1_000)]);
    await db.insert(loyaltyTransactions).values([
      { customerId: c.customerId, occurredAt: ago(30), points: 90, reason: "purchase", orderNumber: "R" },
      { customerId: c.customerId, occurredAt: ago(25), points: -90, reason: "reversed", orderNumber: "R" },
    ]);
    await db
      .insert(loyaltyAccounts)
      .values({ customerId: c.customerId, memberNumber: "2", tier: "bronze", pointsBalance: 0, joinedAt: ago(60) });
    expect(Object.fromEntries(await computeBenefits(c, refs, now))).toEqual({
      bookkeeping: { metric: "receipts_kept", receipts: 2 },
    });
  });
});
