import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { purposes } from "@/db/schema";
import { setConsent } from "@/lib/consent/set-consent";
import { demoPurposes } from "@/lib/demo/demo-purposes";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { categories, categoryKeys, deletionDate } from "./categories";
import { getDataOverview, type CategoryOverviewDto } from "./get-data-overview";
import { DAY, givenCustomerData } from "./data-inventory.test-support";

const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const source = { channel: "web" as const, userAgent: null, locale: "en" as const };
const newsletter = demoPurposes.find((p) => p.key === "newsletter")!;

let anne: Awaited<ReturnType<typeof givenCustomer>>;
let bob: Awaited<ReturnType<typeof givenCustomer>>;

beforeAll(async () => {
  await givenPublishedPurposes();
  anne = await givenCustomer("anne");
  bob = await givenCustomer("bob");
  await givenCustomerData(anne.customerId, now);
  await setConsent(anne, { purposeKey: "newsletter", purposeVersion: 1, granted: true, source });
  await setConsent(anne, { purposeKey: "delivery_partner_sharing", purposeVersion: 1, granted: false, source });
});

/** The same Oslo wall-clock time `years` later (none of the test's dates is 29 February). */
function yearsOn(at: Date, years: number): Date {
  const later = new Date(at);
  later.setUTCFullYear(at.getUTCFullYear() + years);
  // Oslo's offset may differ between the two dates (summer time).
  const offset = (d: Date) =>
    Number(
      new Intl.DateTimeFormat("en", { timeZone: "Europe/Oslo", timeZoneName: "shortOffset" })
        .formatToParts(d)
        .find((p) => p.type === "timeZoneName")!
        .value.replace("GMT", "") || 0,
    );
  return new Date(later.getTime() - (offset(later) - offset(at)) * 60 * 60 * 1000);
}

function byKey(overview: CategoryOverviewDto[]) {
  return Object.fromEntries(overview.map((c) => [c.key, c]));
}

describe("getDataOverview", () => {
  it("lists every category, in the registry's order", async () => {
    expect((await getDataOverview(anne, "en")).map((c) => c.key)).toEqual([...categoryKeys]);
  });

  it("counts the customer's rows and finds the oldest record of each category", async () => {
    const c = byKey(await getDataOverview(anne, "en"));
    expect(c.identity).toMatchObject({ count: 4, oldestAt: ago(500), deletesAt: null });
    expect(c.contact).toMatchObject({ count: 2, oldestAt: ago(500), deletesAt: null });
    expect(c.addresses).toMatchObject({ count: 2, oldestAt: ago(400), deletesAt: null });
    expect(c.orders).toMatchObject({ count: 30, oldestAt: ago(300) });
    expect(c.loyalty).toMatchObject({ count: 2, oldestAt: ago(200), deletesAt: ago(200 - 730) });
    // A device's deletion clock runs from when it was last seen: the date is the oldest device's
    // own (first seen 350 days ago, last seen 2 days ago), not the other one's.
    expect(c.devices).toMatchObject({ count: 2, oldestAt: ago(350), deletesAt: ago(2 - 395) });
    expect(c.interactions).toMatchObject({ count: 4, oldestAt: ago(250), deletesAt: ago(250 - 730) });
    expect(c.interactions!.byChannel).toEqual([
      { channel: "web", count: 2 },
      { channel: "app", count: 1 },
      { channel: "store", count: 1 },
    ]);
    expect(c.tickets).toMatchObject({ count: 1, oldestAt: ago(90), deletesAt: yearsOn(ago(90), 3) });
    expect(c.messages).toMatchObject({ count: 3, oldestAt: ago(60) });
    expect(c.inferences).toMatchObject({ count: 2, oldestAt: ago(120), source: { kind: "inferred" } });
  });

  it("deletes orders five years after the end of their financial year, at midnight in Oslo", async () => {
    const c = byKey(await getDataOverview(anne, "en"));
    const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Oslo", year: "numeric" }).format(ago(300)));
    expect(c.orders!.deletesAt).toEqual(new Date(`${year + 6}-01-01T00:00:00+01:00`));
  });

  it("takes purposes, legal bases and recipients from the published purposes, as they apply to this customer", async () => {
    const c = byKey(await getDataOverview(anne, "en"));
    expect(c.orders!.purposes).toEqual([
      { key: "order_processing", name: "Processing your orders", legalBasis: "contract", inUse: true },
      { key: "bookkeeping", name: "Bookkeeping", legalBasis: "legal_obligation", inUse: true },
      { key: "loyalty_programme", name: "Loyalty programme", legalBasis: "contract", inUse: true },
      { key: "order_sms", name: "Order updates by SMS", legalBasis: "consent", inUse: false },
      { key: "personalised_offers", name: "Personalised offers", legalBasis: "consent", inUse: false },
      { key: "service_surveys", name: "Asking how it went", legalBasis: "legitimate_interest", inUse: true },
    ]);
    expect(c.orders!.recipients.map((r) => r.name)).toEqual(["Posten Bring AS", "Skatteetaten"]);
    // Newsletter granted: Mailchimp receives contact details; delivery sharing withdrawn: Bring only as processor.
    expect(c.contact!.recipients).toEqual([
      { name: "Posten Bring AS", country: "NO", role: "processor" },
      { name: "Mailchimp (Intuit Inc.)", country: "US", role: "processor" },
    ]);
    expect(c.contact!.purposes.find((p) => p.key === "delivery_partner_sharing")).toMatchObject({ inUse: false });
    expect(c.tickets!.purposes.map((p) => p.key)).toEqual(["order_processing", "service_surveys"]);
    expect(c.tickets!.recipients.map((r) => r.name)).toEqual(["Posten Bring AS"]);
  });

  it("while a material new version waits for the customer's answer, uses only what they agreed to", async () => {
    const key = "catalogue_offers";
    const v1 = { ...newsletter, key, version: 1, status: "published" as const, sortOrder: 200 };
    const db = await getDb();
    await db.insert(purposes).values({ ...v1, dataCategories: ["contact"] });
    const agreed = await givenCustomer("agreed-v1");
    await setConsent(agreed, { purposeKey: key, purposeVersion: 1, granted: true, source });
    // Version 2 also uses the loyalty points: material, so version 1's consent does not carry over.
    await db
      .update(purposes)
      .set({ status: "retired" })
      .where(and(eq(purposes.key, key), eq(purposes.version, 1)));
    await db.insert(purposes).values({ ...v1, version: 2, dataCategories: ["contact", "loyalty"] });

    const before = byKey(await getDataOverview(agreed, "en"));
    expect(before.contact!.purposes.find((p) => p.key === key)).toMatchObject({ inUse: true });
    expect(
      before.loyalty!.purposes.map((p) => p.key),
      "version 2's new category is not used for a customer who agreed to version 1",
    ).not.toContain(key);

    await setConsent(agreed, {
      purposeKey: key,
      purposeVersion: 2,
      granted: true,
      source,
      method: "reconsent_prompt",
      agreedVersion: 1,
    });
    const after = byKey(await getDataOverview(agreed, "en"));
    expect(after.loyalty!.purposes.find((p) => p.key === key)).toMatchObject({ inUse: true });
  });

  it("names the purposes in the customer's language", async () => {
    const c = byKey(await getDataOverview(anne, "nb"));
    expect(c.identity!.purposes.map((p) => p.name)).toEqual([
      "Behandling av bestillingene dine",
      "Regnskap og bokføring",
      "Kundeklubben",
      // The newsletter greets by name.
      "Nyhetsbrev",
    ]);
  });

  it("shows another customer none of Anne's rows", async () => {
    const c = byKey(await getDataOverview(bob, "en"));
    for (const key of [
      "addresses",
      "orders",
      "loyalty",
      "devices",
      "interactions",
      "tickets",
      "messages",
      "inferences",
    ]) {
      expect(c[key], key).toMatchObject({ count: 0, oldestAt: null, deletesAt: null });
    }
    expect(c.identity).toMatchObject({ count: 3 });
    expect(c.contact).toMatchObject({ count: 1 });
    expect(c.interactions!.byChannel).toEqual([]);
  });

  it("is for customers only", async () => {
    await expect(getDataOverview(null, "en")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(getDataOverview(await givenStaff("agent"), "en")).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("the category registry", () => {
  it("keeps day-based retention in line with the purposes that use the category", () => {
    for (const key of categoryKeys) {
      const retention = categories[key].retention;
      const using = demoPurposes.filter((p) => p.dataCategories.includes(key));
      if ((retention.kind !== "days" && retention.kind !== "years") || using.length === 0) continue;
      // Kept no longer than the longest purpose that uses it.
      expect(Math.max(...using.map((p) => p.retentionDays ?? 0)), key).toBe(
        retention.kind === "days" ? retention.days : retention.years * 365,
      );
    }
  });

  it("keeps orders as long as bookkeeping requires", () => {
    const bookkeeping = demoPurposes.find((p) => p.key === "bookkeeping")!;
    expect(categories.orders.retention).toEqual({ kind: "yearEnd", years: bookkeeping.retentionDays! / 365 });
  });

  it("names every category the demo purposes use", () => {
    for (const purpose of demoPurposes) {
      for (const category of purpose.dataCategories) expect(categoryKeys).toContain(category);
    }
  });

  it("computes deletion dates", () => {
    const at = new Date("2025-06-15T10:00:00Z");
    expect(deletionDate({ kind: "whileCustomer" }, at)).toBeNull();
    expect(deletionDate({ kind: "days", days: 10 }, at)).toEqual(new Date("2025-06-25T10:00:00Z"));
    expect(deletionDate({ kind: "yearEnd", years: 5 }, at)).toEqual(new Date("2030-12-31T23:00:00Z"));
    // 31 December late evening in Oslo is still that year.
    expect(deletionDate({ kind: "yearEnd", years: 5 }, new Date("2025-12-31T23:30:00Z"))).toEqual(
      new Date("2031-12-31T23:00:00Z"),
    );
    expect(deletionDate({ kind: "days", days: 10 }, null)).toBeNull();
  });

  it("counts a retention stated in years in calendar years on the Oslo clock, across leap years", () => {
    const oslo = (at: Date | null) =>
      new Intl.DateTimeFormat("en-CA", {
        timeZone: "Europe/Oslo",
        dateStyle: "short",
        timeStyle: "short",
        hourCycle: "h23",
      }).format(at!);
    // The tester's rows: a ticket, a message and an inference, each shown a day early before.
    expect(oslo(deletionDate(categories.tickets.retention, new Date("2026-04-17T12:00:00+02:00")))).toBe(
      "2029-04-17, 12:00",
    );
    expect(oslo(deletionDate(categories.messages.retention, new Date("2025-12-11T09:30:00+01:00")))).toBe(
      "2028-12-11, 09:30",
    );
    expect(oslo(deletionDate(categories.inferences.retention, new Date("2026-08-05T08:00:00+02:00")))).toBe(
      "2028-08-05, 08:00",
    );
    // Late in the evening in Oslo is still that day, whatever the UTC date.
    expect(oslo(deletionDate({ kind: "years", years: 3 }, new Date("2025-12-31T23:30:00Z")))).toBe("2029-01-01, 00:30");
    // 29 February goes on 28 February, as PostgreSQL adds years.
    expect(oslo(deletionDate({ kind: "years", years: 2 }, new Date("2028-02-29T10:00:00+01:00")))).toBe(
      "2030-02-28, 10:00",
    );
    // Saturday before summer time in 2026; summer time has begun by that day in 2027.
    expect(deletionDate({ kind: "years", years: 1 }, new Date("2026-03-28T10:00:00+01:00"))).toEqual(
      new Date("2027-03-28T10:00:00+02:00"),
    );
  });
});
