import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { orders, supportTickets } from "@/db/schema";
import { givenCustomer, givenPublishedPurposes } from "@/lib/testing/factories";
import { categories, deletionDate } from "./categories";
import { getDataOverview } from "./get-data-overview";
import { givenCustomerData } from "./data-inventory.test-support";
import { purgePastRetention } from "./purge-past-retention";

beforeAll(async () => {
  await givenPublishedPurposes();
});

describe("purgePastRetention", () => {
  it("deletes each category's oldest record on the date its data page names, not before", async () => {
    const anne = await givenCustomer("anne");
    const now = new Date();
    await givenCustomerData(anne.customerId, now);
    const db = await getDb();
    const shown = (await getDataOverview(anne, "en")).filter((c) => c.deletesAt !== null);
    expect(shown.map((c) => c.key).sort()).toEqual(
      ["devices", "inferences", "interactions", "loyalty", "messages", "orders", "tickets"].sort(),
    );
    for (const category of shown.sort((a, b) => a.deletesAt!.getTime() - b.deletesAt!.getTime())) {
      const oldest = async () => (await getDataOverview(anne, "en")).find((c) => c.key === category.key)!.oldestAt;
      await purgePastRetention(db, new Date(category.deletesAt!.getTime() - 1));
      expect(await oldest(), `${category.key} before its date`).toEqual(category.oldestAt);
      await purgePastRetention(db, category.deletesAt!);
      expect(await oldest(), `${category.key} on its date`).not.toEqual(category.oldestAt);
    }
    // What lasts while the account exists stays.
    const left = await getDataOverview(anne, "en");
    expect(left.filter((c) => c.count > 0).map((c) => c.key)).toEqual(["identity", "contact", "addresses"]);
  });

  it("counts calendar years on the Oslo clock as the pages do: leap days and summer time", async () => {
    const bob = await givenCustomer("bob");
    const db = await getDb();
    const opened = [
      "2023-03-29T02:30:00+02:00", // 29 March 2026, 02:30: a time the change to summer time skips
      "2023-10-25T02:30:00+02:00", // 25 October 2026, 02:30: a time the change back repeats
      "2023-12-31T23:30:00+01:00", // still 31 December in Oslo
      "2024-02-29T10:00:00+01:00", // 28 February 2027
    ].map((at) => new Date(at));
    await db.insert(supportTickets).values(
      opened.map((createdAt, i) => ({
        customerId: bob.customerId,
        reference: `SUP-${i}`,
        subject: "Hjelp",
        channel: "chat" as const,
        status: "closed" as const,
        createdAt,
        closedAt: createdAt,
      })),
    );
    const ticketsLeft = async () =>
      (await db.select().from(supportTickets).where(eq(supportTickets.customerId, bob.customerId))).length;
    const dates = opened.map((at) => deletionDate(categories.tickets.retention, at)!);
    expect(dates).toEqual(
      ["2026-03-29T01:30:00Z", "2026-10-25T01:30:00Z", "2026-12-31T23:30:00+01:00", "2027-02-28T10:00:00+01:00"].map(
        (at) => new Date(at),
      ),
    );
    for (const [i, date] of dates.entries()) {
      await purgePastRetention(db, new Date(date.getTime() - 1));
      expect(await ticketsLeft(), `ticket ${i} before`).toBe(opened.length - i);
      await purgePastRetention(db, date);
      expect(await ticketsLeft(), `ticket ${i} on the date`).toBe(opened.length - i - 1);
    }
  });

  it("deletes an order when its invoice's keeping ends: the Oslo new year five years after its own year", async () => {
    const carl = await givenCustomer("carl");
    const db = await getDb();
    await db.insert(orders).values({
      customerId: carl.customerId,
      orderNumber: "LATE",
      placedAt: new Date("2020-12-31T23:30:00+01:00"),
      status: "delivered",
      channel: "web",
      itemCount: 1,
      totalOre: 100,
    });
    const left = async () => (await db.select().from(orders).where(eq(orders.customerId, carl.customerId))).length;
    const newYear = new Date("2026-01-01T00:00:00+01:00");
    expect(deletionDate(categories.orders.retention, new Date("2020-12-31T23:30:00+01:00"))).toEqual(newYear);
    await purgePastRetention(db, new Date(newYear.getTime() - 1));
    expect(await left()).toBe(1);
    await purgePastRetention(db, newYear);
    expect(await left()).toBe(0);
  });
});
