import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import {
  consentEvents,
  consentStates,
  disclosures,
  loyaltyAccounts,
  loyaltyTransactions,
  messagesSent,
  orders,
  purposes,
} from "@/db/schema";
import { demoPurposes } from "@/lib/demo/demo-purposes";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { applyGlobalPrivacyControl } from "./apply-global-privacy-control";
import { computeBenefits } from "./benefits";
import { effectiveConsents, mayUsePurpose } from "./effective-consent";
import { expireLapsedConsents } from "./expire-consents";
import { listCustomerPurposes } from "./list-customer-purposes";
import { setConsent, type ConsentSource } from "./set-consent";

const DAY = 24 * 60 * 60 * 1000;
const source: ConsentSource = { channel: "web", userAgent: "vitest", locale: "en" };
const newsletter = demoPurposes.find((p) => p.key === "newsletter")!;

beforeAll(async () => {
  await givenPublishedPurposes();
});

async function eventsFor(customerId: string, purposeKey: string) {
  return (await getDb())
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.customerId, customerId), eq(consentEvents.purposeKey, purposeKey)))
    .orderBy(consentEvents.id);
}

async function stateFor(customerId: string, purposeKey: string) {
  const [state] = await (
    await getDb()
  )
    .select()
    .from(consentStates)
    .where(and(eq(consentStates.customerId, customerId), eq(consentStates.purposeKey, purposeKey)));
  return state ?? null;
}

describe("objection to a legitimate-interest purpose (GDPR Art. 21)", () => {
  it("is recorded and honoured like a withdrawal, and can be withdrawn", async () => {
    const c = await givenCustomer("objector");
    expect(await mayUsePurpose(c, "service_surveys")).toMatchObject({ allowed: true, status: "in_use" });

    await setConsent(c, { purposeKey: "service_surveys", purposeVersion: 1, granted: false, source });
    expect(await mayUsePurpose(c, "service_surveys")).toMatchObject({ allowed: false, status: "objected" });
    await setConsent(c, { purposeKey: "service_surveys", purposeVersion: 1, granted: true, source });
    expect(await mayUsePurpose(c, "service_surveys")).toMatchObject({ allowed: true, status: "in_use" });

    expect((await eventsFor(c.customerId, "service_surveys")).map((e) => e.action)).toEqual([
      "objected",
      "objection_withdrawn",
    ]);
  });

  it("objecting twice records one event", async () => {
    const c = await givenCustomer("objector2");
    const input = { purposeKey: "service_surveys", purposeVersion: 1, granted: false, source };
    await setConsent(c, input);
    const second = await setConsent(c, input);
    expect(second.eventId).toBeNull();
    expect(await eventsFor(c.customerId, "service_surveys")).toHaveLength(1);
  });
});

describe("consent lifetime", () => {
  it("sets the end date from the purpose's lifetime and renews it on request", async () => {
    const c = await givenCustomer("lifetime");
    const first = await setConsent(c, { purposeKey: "order_sms", purposeVersion: 1, granted: true, source });
    expect(first.expiresAt!.getTime() - first.changedAt.getTime()).toBe(730 * DAY);

    // Granting again is not a renewal unless asked for.
    expect(
      (await setConsent(c, { purposeKey: "order_sms", purposeVersion: 1, granted: true, source })).eventId,
    ).toBeNull();
    const renewed = await setConsent(c, {
      purposeKey: "order_sms",
      purposeVersion: 1,
      granted: true,
      source,
      method: "renewal",
    });
    expect(renewed.eventId).not.toBeNull();
    expect(renewed.expiresAt!.getTime()).toBeGreaterThan(first.expiresAt!.getTime());
    const events = await eventsFor(c.customerId, "order_sms");
    expect(events.map((e) => [e.action, e.method])).toEqual([
      ["granted", "switch"],
      ["granted", "renewal"],
    ]);
    expect(events[1]!.expiresAt).toEqual(renewed.expiresAt);
    expect((await stateFor(c.customerId, "order_sms"))!.expiresAt).toEqual(renewed.expiresAt);
  });

  it("a purpose without a lifetime gives consent with no end date", async () => {
    const c = await givenCustomer("forever");
    const result = await setConsent(c, { purposeKey: "newsletter", purposeVersion: 1, granted: true, source });
    expect(result.expiresAt).toBeNull();
  });

  it("offers renewal in the last 30 days and counts a lapsed consent as withdrawn before the sweep runs", async () => {
    const c = await givenCustomer("renewal");
    const granted = await setConsent(c, { purposeKey: "order_sms", purposeVersion: 1, granted: true, source });
    const entry = async (now: Date) => (await listCustomerPurposes(c, "en", now)).find((p) => p.key === "order_sms")!;

    expect(await entry(new Date(granted.changedAt.getTime() + 600 * DAY))).toMatchObject({
      granted: true,
      renewalDue: false,
    });
    expect(await entry(new Date(granted.changedAt.getTime() + 710 * DAY))).toMatchObject({
      granted: true,
      renewalDue: true,
      expiresAt: granted.expiresAt,
    });
    const after = new Date(granted.changedAt.getTime() + 731 * DAY);
    expect(await entry(after)).toMatchObject({ granted: false, status: "expired", renewalDue: false });
    expect(await mayUsePurpose(c, "order_sms", after)).toMatchObject({ allowed: false, status: "expired" });
  });

  it("the sweep records one expiry event per lapsed consent, dated when it lapsed, even when run twice at once", async () => {
    const a = await givenCustomer("lapsed-a");
    const b = await givenCustomer("lapsed-b");
    const live = await givenCustomer("live");
    const grantA = await setConsent(a, { purposeKey: "order_sms", purposeVersion: 1, granted: true, source });
    await setConsent(b, { purposeKey: "order_sms", purposeVersion: 1, granted: true, source });
    await setConsent(live, { purposeKey: "newsletter", purposeVersion: 1, granted: true, source });
    const db = await getDb();
    const now = new Date(Date.now() + 731 * DAY);

    const runs = await Promise.all([
      expireLapsedConsents(db, { now, batchSize: 1 }),
      expireLapsedConsents(db, { now, batchSize: 1 }),
    ]);
    // Other test files' customers do not exist in this database: the counts are ours.
    expect(runs[0]!.expired + runs[1]!.expired).toBeGreaterThanOrEqual(2);

    const events = await eventsFor(a.customerId, "order_sms");
    expect(events.map((e) => [e.action, e.method, e.sourceChannel])).toEqual([
      ["granted", "switch", "web"],
      ["expired", "expiry", "system"],
    ]);
    expect(events[1]!.occurredAt).toEqual(grantA.expiresAt);
    expect(await stateFor(a.customerId, "order_sms")).toMatchObject({ granted: false, lastEventId: events[1]!.id });
    expect((await eventsFor(b.customerId, "order_sms")).map((e) => e.action)).toEqual(["granted", "expired"]);
    expect((await eventsFor(live.customerId, "newsletter")).map((e) => e.action)).toEqual(["granted"]);
    expect(await expireLapsedConsents(db, { now })).toEqual({ expired: 0 });
  });
});

describe("a new purpose version", () => {
  it("keeps downstream use on the older, narrower consent until the customer answers", async () => {
    const c = await givenCustomer("versions");
    const key = "survey_v";
    const db = await getDb();
    await db.insert(purposes).values({ ...newsletter, key, status: "published" });
    await setConsent(c, { purposeKey: key, purposeVersion: 1, granted: true, source });
    await db
      .update(purposes)
      .set({ status: "retired" })
      .where(and(eq(purposes.key, key), eq(purposes.version, 1)));
    await db.insert(purposes).values({ ...newsletter, key, version: 2, status: "published" });

    expect(await mayUsePurpose(c, key)).toMatchObject({
      allowed: true,
      consentVersion: 1,
      currentVersion: 2,
      needsReconsent: true,
    });
    // Declining the new version switches it off entirely.
    await setConsent(c, { purposeKey: key, purposeVersion: 2, granted: false, source, method: "reconsent_prompt" });
    expect(await mayUsePurpose(c, key)).toMatchObject({ allowed: false, needsReconsent: false });
    const events = await eventsFor(c.customerId, key);
    expect(events.map((e) => [e.purposeVersion, e.action, e.method])).toEqual([
      [1, "granted", "switch"],
      [2, "withdrawn", "reconsent_prompt"],
    ]);
  });

  it("an objection carries over to a new version of a legitimate-interest purpose", async () => {
    const c = await givenCustomer("li-versions");
    const li = demoPurposes.find((p) => p.key === "service_surveys")!;
    const key = "li_v";
    const db = await getDb();
    await db.insert(purposes).values({ ...li, key, status: "published" });
    await setConsent(c, { purposeKey: key, purposeVersion: 1, granted: false, source });
    await db
      .update(purposes)
      .set({ status: "retired" })
      .where(and(eq(purposes.key, key), eq(purposes.version, 1)));
    await db.insert(purposes).values({ ...li, key, version: 2, status: "published" });
    const [consent] = await effectiveConsents(db, c, { purposeKeys: [key] });
    expect(consent).toMatchObject({ allowed: false, status: "objected", needsReconsent: false });
  });

  it("a retired purpose with no published version may not be used", async () => {
    const c = await givenCustomer("retired");
    expect(await mayUsePurpose(c, "no_such_purpose")).toBeNull();
  });
});

describe("Global Privacy Control", () => {
  const gpcSource = { userAgent: "Firefox GPC", locale: "en" as const };

  it("opts a customer out of every purpose that shares data with third parties, once", async () => {
    const c = await givenCustomer("gpc");
    expect(await applyGlobalPrivacyControl(c, gpcSource)).toEqual(["delivery_partner_sharing"]);
    const events = await eventsFor(c.customerId, "delivery_partner_sharing");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "withdrawn", method: "gpc_signal", gpc: true, userAgent: "Firefox GPC" });
    expect(await applyGlobalPrivacyControl(c, gpcSource)).toEqual([]);
    expect(await eventsFor(c.customerId, "delivery_partner_sharing")).toHaveLength(1);
    // Purposes that do not share are untouched.
    expect(await eventsFor(c.customerId, "newsletter")).toHaveLength(0);
    const entry = (await listCustomerPurposes(c, "en")).find((p) => p.key === "delivery_partner_sharing")!;
    expect(entry).toMatchObject({
      granted: false,
      lastChange: { action: "withdrawn", method: "gpc_signal", gpc: true },
    });
  });

  it("withdraws a consent given without the signal, but not one given while the signal was sent", async () => {
    const without = await givenCustomer("gpc-later");
    await setConsent(without, { purposeKey: "delivery_partner_sharing", purposeVersion: 1, granted: true, source });
    expect(await applyGlobalPrivacyControl(without, gpcSource)).toEqual(["delivery_partner_sharing"]);
    expect(await mayUsePurpose(without, "delivery_partner_sharing")).toMatchObject({ allowed: false });

    const explicit = await givenCustomer("gpc-explicit");
    await setConsent(explicit, {
      purposeKey: "delivery_partner_sharing",
      purposeVersion: 1,
      granted: true,
      source: { ...source, gpc: true },
    });
    expect(await applyGlobalPrivacyControl(explicit, gpcSource)).toEqual([]);
    expect(await mayUsePurpose(explicit, "delivery_partner_sharing")).toMatchObject({ allowed: true });
  });

  it("is for customers only", async () => {
    await expect(applyGlobalPrivacyControl(null, gpcSource)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(applyGlobalPrivacyControl(await givenStaff("agent"), gpcSource)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("computed benefits", () => {
  it("computes each figure from the customer's own rows of the last 12 months, never another customer's", async () => {
    const c = await givenCustomer("benefits");
    const other = await givenCustomer("other");
    const db = await getDb();
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    for (const customerId of [c.customerId, other.customerId]) {
      await db.insert(orders).values([
        {
          customerId,
          orderNumber: "A1",
          placedAt: ago(10),
          status: "delivered",
          channel: "web",
          itemCount: 1,
          totalOre: 50000,
          offerSavingOre: 12000,
          usedSavedAddress: true,
        },
        {
          customerId,
          orderNumber: "A2",
          placedAt: ago(100),
          status: "delivered",
          channel: "app",
          itemCount: 2,
          totalOre: 70000,
          offerSavingOre: 30000,
          usedSavedAddress: false,
        },
        {
          customerId,
          orderNumber: "A3",
          placedAt: ago(400),
          status: "delivered",
          channel: "web",
          itemCount: 1,
          totalOre: 10000,
          offerSavingOre: 99900,
          usedSavedAddress: true,
        },
        {
          customerId,
          orderNumber: "A4",
          placedAt: ago(3),
          status: "shipped",
          channel: "web",
          itemCount: 1,
          totalOre: 10000,
          usedSavedAddress: true,
        },
      ]);
      await db.insert(messagesSent).values([
        { customerId, channel: "sms", purposeKey: "order_sms", subject: "s", sentAt: ago(5) },
        { customerId, channel: "sms", purposeKey: "order_sms", subject: "s", sentAt: ago(50) },
        { customerId, channel: "sms", purposeKey: "order_sms", subject: "s", sentAt: ago(500) },
        { customerId, channel: "email", purposeKey: "order_sms", subject: "not sms", sentAt: ago(5) },
      ]);
      await db.insert(disclosures).values({
        customerId,
        recipientName: "Posten Bring AS",
        recipientCountry: "NO",
        purposeKey: "delivery_partner_sharing",
        dataCategories: ["contact"],
        disclosedAt: ago(20),
      });
      await db
        .insert(loyaltyAccounts)
        .values({ customerId, memberNumber: "1", tier: "gold", pointsBalance: 480, joinedAt: ago(600) });
      await db.insert(loyaltyTransactions).values([
        { customerId, occurredAt: ago(10), points: 500, reason: "purchase" },
        { customerId, occurredAt: ago(9), points: -20, reason: "redeemed" },
        { customerId, occurredAt: ago(500), points: 900, reason: "purchase" },
      ]);
    }
    await db.insert(orders).values({
      customerId: other.customerId,
      orderNumber: "B",
      placedAt: ago(1),
      status: "delivered",
      channel: "web",
      itemCount: 1,
      totalOre: 1,
      offerSavingOre: 5000,
      usedSavedAddress: true,
    });

    const refs = demoPurposes.map((p) => ({ key: p.key, benefitMetric: p.benefitMetric ?? null }));
    const benefits = await computeBenefits(c, refs, now);
    expect(Object.fromEntries(benefits)).toEqual({
      order_processing: { metric: "orders_delivered", orders: 2, savedAddress: 2 },
      bookkeeping: { metric: "receipts_kept", receipts: 4 },
      loyalty_programme: { metric: "loyalty_points", earned: 500, balance: 480 },
      order_sms: { metric: "sms_updates", messages: 2 },
      personalised_offers: { metric: "offer_savings", savedOre: 42000 },
      delivery_partner_sharing: { metric: "partner_notifications", notifications: 1 },
    });
  });

  it("gives no figure where the customer has no data, so the declared benefit is shown", async () => {
    const c = await givenCustomer("empty");
    const refs = demoPurposes.map((p) => ({ key: p.key, benefitMetric: p.benefitMetric ?? null }));
    expect((await computeBenefits(c, refs)).size).toBe(0);
    await expect(computeBenefits(await givenStaff("agent"), refs)).rejects.toMatchObject({ code: "forbidden" });
  });
});
