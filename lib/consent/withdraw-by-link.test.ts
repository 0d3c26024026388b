import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { consentEvents, consentStates, customers, purposes, users, type ConsentAction } from "@/db/schema";
import { demoPurposes, demoRetiredPurposes } from "@/lib/demo/demo-purposes";
import { givenCustomer, givenPublishedPurposes } from "@/lib/testing/factories";
import { recordConsentEvent } from "./record-consent-event";
import { setConsent, type ConsentSource } from "./set-consent";
import { createUnsubscribeUrl } from "./unsubscribe-url";
import { previewUnsubscribeLink, withdrawByLink } from "./withdraw-by-link";

const web: ConsentSource = { channel: "web", userAgent: "vitest", locale: "en" };
const mailClient = { userAgent: "Mail/1.0 (one-click)" };
const newsletter = demoPurposes.find((p) => p.key === "newsletter")!;

async function tokenFor(customerId: string, purposeKey: string, now?: Date) {
  const url = await createUnsubscribeUrl({ customerId, purposeKey, now });
  return url.slice(url.lastIndexOf("/") + 1);
}

async function rowsFor(customerId: string, purposeKey: string) {
  const db = await getDb();
  return {
    events: await db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.customerId, customerId), eq(consentEvents.purposeKey, purposeKey)))
      .orderBy(consentEvents.id),
    states: await db
      .select()
      .from(consentStates)
      .where(and(eq(consentStates.customerId, customerId), eq(consentStates.purposeKey, purposeKey))),
  };
}

async function allConsentRows() {
  const db = await getDb();
  return {
    events: await db.select().from(consentEvents).orderBy(consentEvents.id),
    states: await db.select().from(consentStates).orderBy(consentStates.customerId, consentStates.purposeKey),
  };
}

/** A choice on record against a given purpose version (also an older, retired one). */
async function givenChoice(customerId: string, key: string, version: number, action: ConsentAction) {
  const db = await getDb();
  const [purpose] = await db
    .select()
    .from(purposes)
    .where(and(eq(purposes.key, key), eq(purposes.version, version)));
  await db.transaction((tx) =>
    recordConsentEvent(tx, { customerId, purpose: purpose!, action, source: web, method: "switch" }),
  );
}

async function givenGrant(customerId: string, purposeKey: string) {
  await setConsent(
    { kind: "customer", userId: customerId, customerId },
    { purposeKey, purposeVersion: 1, granted: true, source: web },
  );
}

beforeAll(async () => {
  await givenPublishedPurposes();
  const db = await getDb();
  await db
    .insert(purposes)
    .values([
      ...demoRetiredPurposes.map((p) => ({ ...p, status: "retired" as const })),
      { ...newsletter, key: "loyalty_club", status: "draft" },
      { ...newsletter, key: "sms_marketing", status: "retired" },
    ]);
});

describe("withdrawByLink", () => {
  it("withdraws exactly the linked consent, recorded as an email unsubscribe in the customer's language", async () => {
    const kari = await givenCustomer("kari");
    const ola = await givenCustomer("ola");
    for (const who of [kari, ola]) {
      await givenGrant(who.customerId, "newsletter");
      await givenGrant(who.customerId, "order_sms");
    }
    const olaBefore = await rowsFor(ola.customerId, "newsletter");
    const kariSmsBefore = await rowsFor(kari.customerId, "order_sms");

    const result = await withdrawByLink(await tokenFor(kari.customerId, "newsletter"), mailClient);

    expect(result).toEqual({
      outcome: "withdrawn",
      locale: "nb",
      purposeKey: "newsletter",
      purposeName: "Nyhetsbrev",
      legalBasis: "consent",
      eventId: expect.any(Number),
    });
    const { events, states } = await rowsFor(kari.customerId, "newsletter");
    expect(events.at(-1)).toMatchObject({
      id: result.outcome === "withdrawn" ? result.eventId : -1,
      action: "withdrawn",
      purposeVersion: 1,
      sourceChannel: "email",
      method: "unsubscribe_link",
      locale: "nb",
      userAgent: mailClient.userAgent,
      gpc: false,
    });
    expect(events.at(-1)!.shownText.name).toBe("Nyhetsbrev");
    expect(states).toEqual([expect.objectContaining({ granted: false, lastEventId: events.at(-1)!.id })]);
    // Nobody else, and nothing else, changed.
    expect(await rowsFor(ola.customerId, "newsletter")).toEqual(olaBefore);
    expect(await rowsFor(kari.customerId, "order_sms")).toEqual(kariSmsBefore);
  });

  it("is idempotent: opening the link again writes nothing and says it is already off", async () => {
    const per = await givenCustomer("per");
    await givenGrant(per.customerId, "newsletter");
    const token = await tokenFor(per.customerId, "newsletter");
    expect(await withdrawByLink(token, mailClient)).toMatchObject({ outcome: "withdrawn" });
    const before = await allConsentRows();
    expect(await withdrawByLink(token, mailClient)).toMatchObject({ outcome: "already_off", eventId: null });
    expect(await allConsentRows()).toEqual(before);
  });

  it("writes nothing for a consent that was never given", async () => {
    const never = await givenCustomer("never");
    const before = await allConsentRows();
    expect(await withdrawByLink(await tokenFor(never.customerId, "newsletter"), mailClient)).toMatchObject({
      outcome: "already_off",
      purposeName: "Nyhetsbrev",
    });
    expect(await allConsentRows()).toEqual(before);
  });

  it("answers in the customer's stored language", async () => {
    const emma = await givenCustomer("emma");
    await (await getDb()).update(customers).set({ locale: "en" }).where(eq(customers.id, emma.customerId));
    await givenGrant(emma.customerId, "newsletter");
    expect(await withdrawByLink(await tokenFor(emma.customerId, "newsletter"), mailClient)).toMatchObject({
      outcome: "withdrawn",
      locale: "en",
      purposeName: "Newsletter",
    });
    expect((await rowsFor(emma.customerId, "newsletter")).events.at(-1)).toMatchObject({ locale: "en" });
  });

  it("withdraws a consent given to an older version, against the published version", async () => {
    const kari = await givenCustomer("reconsent");
    await givenChoice(kari.customerId, "personalised_offers", 1, "granted");
    expect((await rowsFor(kari.customerId, "personalised_offers")).states).toEqual([
      expect.objectContaining({ purposeVersion: 1, granted: true }),
    ]);

    expect(await withdrawByLink(await tokenFor(kari.customerId, "personalised_offers"), mailClient)).toMatchObject({
      outcome: "withdrawn",
    });
    const { events, states } = await rowsFor(kari.customerId, "personalised_offers");
    expect(events.map((e) => [e.action, e.purposeVersion])).toEqual([
      ["granted", 1],
      ["withdrawn", 2],
    ]);
    expect(states).toEqual([expect.objectContaining({ purposeVersion: 2, granted: false })]);
  });

  it("records an objection for a legitimate-interest purpose, once", async () => {
    const lise = await givenCustomer("lise");
    const token = await tokenFor(lise.customerId, "service_surveys");
    expect(await withdrawByLink(token, mailClient)).toMatchObject({
      outcome: "withdrawn",
      legalBasis: "legitimate_interest",
    });
    const { events, states } = await rowsFor(lise.customerId, "service_surveys");
    expect(events.map((e) => [e.action, e.method, e.sourceChannel])).toEqual([
      ["objected", "unsubscribe_link", "email"],
    ]);
    expect(states).toEqual([expect.objectContaining({ granted: false })]);
    expect(await withdrawByLink(token, mailClient)).toMatchObject({ outcome: "already_off" });
    expect((await rowsFor(lise.customerId, "service_surveys")).events).toHaveLength(1);
  });

  it.each([
    ["a contract purpose", "order_processing", "not_switchable", "Behandling av bestillingene dine"],
    ["a legal-obligation purpose", "bookkeeping", "not_switchable", null],
    ["a retired purpose", "sms_marketing", "not_in_use", "Nyhetsbrev"],
    ["a draft purpose", "loyalty_club", "not_in_use", "Nyhetsbrev"],
    ["a purpose that never existed", "sell_my_data", "not_in_use", null],
  ])("says so for %s and writes nothing", async (_name, purposeKey, outcome, name) => {
    const anna = await givenCustomer("anna");
    await givenGrant(anna.customerId, "newsletter");
    const before = await allConsentRows();
    const result = await withdrawByLink(await tokenFor(anna.customerId, purposeKey), mailClient);
    expect(result).toMatchObject({ outcome, purposeKey, eventId: null });
    if (name) expect(result).toMatchObject({ purposeName: name });
    expect(await allConsentRows()).toEqual(before);
  });

  it("treats tampered, expired, foreign and erased-customer links alike: invalid, nothing changed", async () => {
    const bjorn = await givenCustomer("bjorn");
    await givenGrant(bjorn.customerId, "newsletter");
    const token = await tokenFor(bjorn.customerId, "newsletter");
    const yearAndADayAgo = new Date(Date.now() - 366 * 24 * 60 * 60 * 1000);
    const expired = await tokenFor(bjorn.customerId, "newsletter", yearAndADayAgo);
    const ghost = await givenCustomer("ghost");
    const erased = await tokenFor(ghost.customerId, "newsletter");
    await (await getDb()).delete(users).where(eq(users.id, ghost.customerId));
    const middle = Math.floor(token.length / 2);
    const tampered = token.slice(0, middle) + (token[middle] === "x" ? "y" : "x") + token.slice(middle + 1);
    const before = await allConsentRows();

    for (const link of [tampered, expired, erased, await tokenFor(randomUUID(), "newsletter"), "", "not-a-token"]) {
      expect(await withdrawByLink(link, mailClient)).toEqual({ outcome: "invalid" });
    }
    expect(await allConsentRows()).toEqual(before);
  });
});

describe("previewUnsubscribeLink", () => {
  it("says what the link would switch off and writes nothing, however often it is opened", async () => {
    const siri = await givenCustomer("siri");
    await givenGrant(siri.customerId, "newsletter");
    const token = await tokenFor(siri.customerId, "newsletter");
    const before = await allConsentRows();
    for (let i = 0; i < 3; i++) {
      expect(await previewUnsubscribeLink(token)).toEqual({
        outcome: "in_use",
        locale: "nb",
        purposeKey: "newsletter",
        purposeName: "Nyhetsbrev",
        legalBasis: "consent",
        eventId: null,
      });
    }
    expect(await allConsentRows()).toEqual(before);

    // The press switches it off; the page then reads it as off.
    expect(await withdrawByLink(token, mailClient)).toMatchObject({ outcome: "withdrawn" });
    expect(await previewUnsubscribeLink(token)).toMatchObject({ outcome: "already_off" });
  });

  it("names a legitimate-interest purpose as one to object to, and unusable links alike", async () => {
    const lars = await givenCustomer("lars");
    const before = await allConsentRows();
    expect(await previewUnsubscribeLink(await tokenFor(lars.customerId, "service_surveys"))).toMatchObject({
      outcome: "in_use",
      legalBasis: "legitimate_interest",
    });
    expect(await previewUnsubscribeLink(await tokenFor(lars.customerId, "order_processing"))).toMatchObject({
      outcome: "not_switchable",
    });
    expect(await previewUnsubscribeLink("not-a-token")).toEqual({ outcome: "invalid" });
    expect(await previewUnsubscribeLink(await tokenFor(randomUUID(), "newsletter"))).toEqual({ outcome: "invalid" });
    expect(await allConsentRows()).toEqual(before);
  });
});
