import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { interactionEvents, messagesSent, purposes } from "@/db/schema";
import { demoPurposes } from "@/lib/demo/demo-purposes";
import { decodeCursor, firstPage, PAGE_SIZE } from "@/lib/pagination/keyset";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { getPersonalDetails } from "./get-personal-details";
import { listAddresses } from "./list-addresses";
import { listDevices } from "./list-devices";
import { listInferences } from "./list-inferences";
import { listInteractions } from "./list-interactions";
import { listLoyalty } from "./list-loyalty";
import { listMessages } from "./list-messages";
import { listOrders } from "./list-orders";
import { listTickets } from "./list-tickets";
import { DAY, givenCustomerData } from "./data-inventory.test-support";

const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);

let anne: Awaited<ReturnType<typeof givenCustomer>>;
let bob: Awaited<ReturnType<typeof givenCustomer>>;

beforeAll(async () => {
  await givenPublishedPurposes();
  anne = await givenCustomer("anne");
  bob = await givenCustomer("bob");
  await givenCustomerData(anne.customerId, now);
});

describe("the category listings", () => {
  it("pages through orders, newest first", async () => {
    const first = await listOrders(anne, firstPage);
    expect(first.items).toHaveLength(PAGE_SIZE);
    expect(first.items[0]).toMatchObject({ orderNumber: "T-1029", placedAt: ago(155), totalOre: 10_029 });
    const second = await listOrders(anne, { cursor: decodeCursor(first.older!, "text"), direction: "older" });
    // Thirty orders, T-1000 to T-1029: the second page holds what the first left.
    const rest = 30 - PAGE_SIZE;
    expect(second.items.map((o) => o.orderNumber)).toEqual(
      Array.from({ length: rest }, (_, i) => `T-${999 + rest - i}`),
    );
    expect(second.older).toBeNull();
    expect(second.newer).not.toBeNull();
  });

  it("lists the loyalty membership and its transactions", async () => {
    const loyalty = await listLoyalty(anne, firstPage);
    expect(loyalty.account).toEqual({
      memberNumber: "7080 0000 0001",
      tier: "bronze",
      pointsBalance: 120,
      joinedAt: ago(450),
    });
    expect(loyalty.transactions.items.map((t) => [t.points, t.reason])).toEqual([
      [20, "bonus"],
      [100, "purchase"],
    ]);
  });

  it("names the purpose each message was sent under, or its key once it is gone", async () => {
    const messages = await listMessages(anne, { query: firstPage, locale: "en" });
    expect(messages.items.map((m) => [m.subject, m.channel, m.purpose])).toEqual([
      ["Gammel", "email", "retired_purpose"],
      ["Ordre sendt", "sms", "Order updates by SMS"],
      ["Nyhetsbrev 1", "email", "Newsletter"],
    ]);
    expect((await listMessages(anne, { query: firstPage, locale: "nb" })).items[2]!.purpose).toBe("Nyhetsbrev");
  });

  it("names a purpose since retired by its last version, in messages and interactions alike", async () => {
    const cara = await givenCustomer("cara");
    const db = await getDb();
    const newsletter = demoPurposes.find((p) => p.key === "newsletter")!;
    const named = (name: string) => ({ nb: { ...newsletter.texts.nb, name }, en: { ...newsletter.texts.en, name } });
    await db.insert(purposes).values([
      { ...newsletter, key: "old_offers", version: 1, status: "retired", texts: named("First offers") },
      { ...newsletter, key: "old_offers", version: 2, status: "retired", texts: named("Old offers") },
    ]);
    await db
      .insert(messagesSent)
      .values({
        customerId: cara.customerId,
        channel: "email",
        subject: "Tilbud",
        purposeKey: "old_offers",
        sentAt: ago(3),
      });
    await db.insert(interactionEvents).values({
      customerId: cara.customerId,
      channel: "email",
      kind: "newsletter_opened",
      occurredAt: ago(2),
      purposeKey: "old_offers",
    });
    const messages = await listMessages(cara, { query: firstPage, locale: "en" });
    expect(messages.items.map((m) => m.purpose)).toEqual(["Old offers"]);
    const interactions = await listInteractions(cara, {
      filters: { channel: null, from: null, to: null },
      query: firstPage,
      locale: "en",
    });
    // One row per event however many versions the purpose had; not sent by another system.
    expect(interactions.items.map((i) => [i.kind, i.purpose, i.sentBy])).toEqual([
      ["newsletter_opened", "Old offers", null],
    ]);
  });

  it("lists tickets, devices (most recently seen first) and addresses", async () => {
    expect((await listTickets(anne, firstPage)).items).toEqual([
      expect.objectContaining({ reference: "SUP-1", status: "closed", createdAt: ago(90), closedAt: ago(89) }),
    ]);
    expect((await listDevices(anne, firstPage)).items.map((d) => d.name)).toEqual(["Phone", "Laptop"]);
    expect((await listAddresses(anne, firstPage)).items.map((a) => [a.city, a.isPrimary])).toEqual([
      ["Bergen", false],
      ["Oslo", true],
    ]);
  });

  it("shows identity and contact details", async () => {
    expect(await getPersonalDetails(anne)).toEqual({
      customerNumber: expect.any(Number),
      givenName: "anne",
      familyName: "Tester",
      birthDate: "1990-01-31",
      email: anne.email,
      phone: "+47 400 00 000",
      customerSince: ago(500),
    });
  });

  it("lists inferences in the customer's language", async () => {
    const { active, rejected } = await listInferences(anne, "en");
    expect(active.map((i) => [i.label, i.kind, i.derivedFrom, i.sourceCategories])).toEqual([
      ["Outdoor life", "interest", "Product views", ["interactions"]],
      ["Active runner", "segment", "Purchases of running shoes", ["orders"]],
    ]);
    expect(rejected).toEqual([]);
  });

  it("shows another customer nothing of Anne's", async () => {
    for (const list of [listOrders, listTickets, listDevices, listAddresses]) {
      expect((await list(bob, firstPage)).items).toEqual([]);
    }
    expect(await listLoyalty(bob, firstPage)).toEqual({
      account: null,
      transactions: { items: [], newer: null, older: null },
    });
    expect((await listMessages(bob, { query: firstPage, locale: "en" })).items).toEqual([]);
    expect(await listInferences(bob, "en")).toEqual({ active: [], rejected: [] });
    expect((await getPersonalDetails(bob)).email).toBe(bob.email);
    // Anne's cursor only positions Bob's own list.
    const annes = await listOrders(anne, firstPage);
    expect((await listOrders(bob, { cursor: decodeCursor(annes.older!, "text"), direction: "older" })).items).toEqual(
      [],
    );
  });

  it("refuses staff and visitors", async () => {
    const agent = await givenStaff("agent");
    await expect(listOrders(agent, firstPage)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getPersonalDetails(null)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
