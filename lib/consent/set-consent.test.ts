import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { consentEvents, consentStates, purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { demoPurposes, demoRetiredPurposes } from "@/lib/demo/demo-purposes";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { recordConsentEvent } from "./record-consent-event";
import { setConsent, type ConsentSource } from "./set-consent";

const source: ConsentSource = { channel: "web", userAgent: "vitest", locale: "en" };
const newsletter = demoPurposes.find((p) => p.key === "newsletter")!;

beforeAll(async () => {
  await givenPublishedPurposes();
  const db = await getDb();
  await db.insert(purposes).values([
    { ...newsletter, key: "loyalty_club", status: "draft" },
    { ...newsletter, key: "sms_marketing", status: "retired" },
  ]);
  // Existing rows, so that "writes nothing" compares non-empty tables.
  const existing = await givenCustomer("existing");
  await setConsent(existing, { purposeKey: "newsletter", purposeVersion: 1, granted: true, source });
});

async function rowsFor(customerId: string, purposeKey: string) {
  const db = await getDb();
  const events = await db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.customerId, customerId), eq(consentEvents.purposeKey, purposeKey)))
    .orderBy(consentEvents.id);
  const states = await db
    .select()
    .from(consentStates)
    .where(and(eq(consentStates.customerId, customerId), eq(consentStates.purposeKey, purposeKey)));
  return { events, states };
}

/** Every consent row in this file's database, to show that a refused change wrote nothing. */
async function allConsentRows() {
  const db = await getDb();
  return {
    events: await db.select().from(consentEvents).orderBy(consentEvents.id),
    states: await db.select().from(consentStates).orderBy(consentStates.customerId, consentStates.purposeKey),
  };
}

type Refusal = {
  name: string;
  actor?: () => Promise<Actor | null>;
  purposeKey?: string;
  purposeVersion?: number;
  code: AppErrorCode;
  messageKey?: string;
};

const refusals: Refusal[] = [
  { name: "an unknown purpose key", purposeKey: "no_such_purpose", code: "not_found", messageKey: "purposeNotFound" },
  { name: "a contract purpose", purposeKey: "order_processing", code: "forbidden", messageKey: "notSwitchable" },
  { name: "a legal-obligation purpose", purposeKey: "bookkeeping", code: "forbidden", messageKey: "notSwitchable" },
  { name: "a stale purpose version", purposeVersion: 2, code: "conflict", messageKey: "purposeChanged" },
  { name: "a draft purpose", purposeKey: "loyalty_club", code: "not_found", messageKey: "purposeNotFound" },
  { name: "a retired purpose", purposeKey: "sms_marketing", code: "not_found", messageKey: "purposeNotFound" },
  { name: "no actor", actor: async () => null, code: "unauthenticated" },
  { name: "a support agent", actor: () => givenStaff("agent"), code: "forbidden" },
  { name: "a product team member", actor: () => givenStaff("product"), code: "forbidden" },
  {
    name: "a customer actor without a customer row",
    actor: async () => ({ kind: "customer", userId: randomUUID(), customerId: randomUUID() }),
    code: "unauthenticated",
  },
];

describe("setConsent", () => {
  it("appends an event and updates the state in the same transaction", async () => {
    const kari = await givenCustomer("kari");
    const result = await setConsent(kari, { purposeKey: "newsletter", purposeVersion: 1, granted: true, source });
    expect(result.granted).toBe(true);
    const { events, states } = await rowsFor(kari.customerId, "newsletter");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "granted",
      purposeVersion: 1,
      sourceChannel: "web",
      userAgent: "vitest",
      locale: "en",
    });
    expect(events[0]!.shownText.name).toBe("Newsletter");
    expect(states).toEqual([expect.objectContaining({ granted: true, lastEventId: events[0]!.id })]);
  });

  it("200 concurrent toggles leave the state equal to the last event, with one state row", async () => {
    const kari = await givenCustomer("burst");
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        setConsent(kari, { purposeKey: "product_analytics", purposeVersion: 1, granted: i % 2 === 0, source }),
      ),
    );
    const { events, states } = await rowsFor(kari.customerId, "product_analytics");
    // Every call that wrote an event is in the log (no lost update), and nothing else is.
    expect(events.map((e) => e.id).sort((a, b) => a - b)).toEqual(
      results
        .map((r) => r.eventId)
        .filter((id): id is number => id !== null)
        .sort((a, b) => a - b),
    );
    expect(states).toHaveLength(1);
    const last = events.at(-1)!;
    expect(states[0]).toMatchObject({ lastEventId: last.id, granted: last.action === "granted" });
    // No two consecutive events record the same action: every event is a real change.
    for (let i = 1; i < events.length; i++) expect(events[i]!.action).not.toBe(events[i - 1]!.action);
  });

  it.each(refusals)("refuses $name with $code and writes nothing", async (refusal) => {
    const actor = refusal.actor ? await refusal.actor() : await givenCustomer("refused");
    const before = await allConsentRows();
    expect(before.events.length).toBeGreaterThan(0);

    const error = await setConsent(actor, {
      purposeKey: refusal.purposeKey ?? "newsletter",
      purposeVersion: refusal.purposeVersion ?? 1,
      granted: true,
      source,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: refusal.code, messageKey: refusal.messageKey ?? refusal.code });
    expect(await allConsentRows()).toEqual(before);
  });

  it("setting the same state twice records one event", async () => {
    const ola = await givenCustomer("ola");
    const input = { purposeKey: "order_sms", purposeVersion: 1, granted: true, source };
    const first = await setConsent(ola, input);
    const second = await setConsent(ola, input);
    const { events, states } = await rowsFor(ola.customerId, "order_sms");
    expect(events).toHaveLength(1);
    expect(states).toEqual([expect.objectContaining({ granted: true, lastEventId: events[0]!.id })]);
    expect(second).toEqual({ ...first, eventId: null });
  });

  it("a change by one customer never touches another customer's rows", async () => {
    const anna = await givenCustomer("anna");
    const bjorn = await givenCustomer("bjorn");
    await setConsent(bjorn, { purposeKey: "product_analytics", purposeVersion: 1, granted: true, source });
    const bjornBefore = await rowsFor(bjorn.customerId, "product_analytics");

    await setConsent(anna, { purposeKey: "product_analytics", purposeVersion: 1, granted: true, source });
    await setConsent(anna, { purposeKey: "product_analytics", purposeVersion: 1, granted: false, source });

    expect(await rowsFor(bjorn.customerId, "product_analytics")).toEqual(bjornBefore);
    expect(bjornBefore.states).toEqual([expect.objectContaining({ granted: true })]);
    const annasRows = await rowsFor(anna.customerId, "product_analytics");
    expect(annasRows.events.map((e) => e.customerId)).toEqual([anna.customerId, anna.customerId]);
  });

  it("withdrawing after granting records a withdrawn event and turns the state off", async () => {
    const per = await givenCustomer("per");
    await setConsent(per, { purposeKey: "delivery_partner_sharing", purposeVersion: 1, granted: true, source });
    const result = await setConsent(per, {
      purposeKey: "delivery_partner_sharing",
      purposeVersion: 1,
      granted: false,
      source: { ...source, locale: "nb", gpc: true },
    });

    expect(result).toMatchObject({ purposeKey: "delivery_partner_sharing", granted: false });
    const { events, states } = await rowsFor(per.customerId, "delivery_partner_sharing");
    expect(events.map((e) => e.action)).toEqual(["granted", "withdrawn"]);
    expect(events[1]).toMatchObject({ locale: "nb", gpc: true });
    expect(events[1]!.shownText.name).toBe("Deling med leveringspartner");
    expect(states).toEqual([expect.objectContaining({ granted: false, lastEventId: events[1]!.id })]);
  });
});

describe("setConsent with a newer version published than the one agreed to", () => {
  const offersV2 = demoPurposes.find((p) => p.key === "personalised_offers")!;
  const offersV1 = demoRetiredPurposes.find((p) => p.key === "personalised_offers")!;
  const key = "offers_versions";

  beforeAll(async () => {
    const db = await getDb();
    await db.insert(purposes).values([
      { ...offersV1, key, status: "retired" },
      { ...offersV2, key, status: "published" },
    ]);
  });

  /** A customer who agreed to version 1, which still applies while version 2 is published. */
  async function agreedToVersion1(name: string) {
    const customer = await givenCustomer(name);
    const db = await getDb();
    const [v1] = await db
      .select()
      .from(purposes)
      .where(and(eq(purposes.key, key), eq(purposes.version, 1)));
    await db.transaction((tx) =>
      recordConsentEvent(tx, {
        customerId: customer.customerId,
        purpose: v1!,
        action: "granted",
        source,
        method: "switch",
      }),
    );
    return customer;
  }

  const grant = (extra: { method?: "switch" | "reconsent_prompt" | "renewal"; agreedVersion?: number } = {}) => ({
    purposeKey: key,
    purposeVersion: 2,
    granted: true,
    source,
    ...extra,
  });

  it.each([
    { name: "the switch", input: grant(), messageKey: "reconsentRequired" },
    { name: "a renewal", input: grant({ method: "renewal" }), messageKey: "reconsentRequired" },
    {
      name: "a prompt that names no agreed version",
      input: grant({ method: "reconsent_prompt" }),
      messageKey: "consentChanged",
    },
    {
      name: "a prompt computed from another version",
      input: grant({ method: "reconsent_prompt", agreedVersion: 2 }),
      messageKey: "consentChanged",
    },
  ])(
    "refuses to move her to version 2 through $name, which did not show her the changes",
    async ({ input, messageKey }) => {
      const customer = await agreedToVersion1("pending");
      const before = await allConsentRows();
      const error = await setConsent(customer, input).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "conflict", messageKey });
      expect(await allConsentRows()).toEqual(before);
      expect((await rowsFor(customer.customerId, key)).states).toEqual([
        expect.objectContaining({ purposeVersion: 1, granted: true }),
      ]);
    },
  );

  it("refuses a prompt still showing version 1's texts as the version to grant", async () => {
    const customer = await agreedToVersion1("stale-page");
    const error = await setConsent(customer, {
      ...grant({ method: "reconsent_prompt", agreedVersion: 1 }),
      purposeVersion: 1,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "conflict", messageKey: "purposeChanged" });
  });

  it("grants version 2, with version 2's texts on record, from the prompt computed from version 1", async () => {
    const customer = await agreedToVersion1("answers");
    const result = await setConsent(customer, grant({ method: "reconsent_prompt", agreedVersion: 1 }));
    expect(result).toMatchObject({ purposeVersion: 2, granted: true });
    const { events, states } = await rowsFor(customer.customerId, key);
    expect(events.at(-1)).toMatchObject({ action: "granted", purposeVersion: 2, method: "reconsent_prompt" });
    expect(events.at(-1)!.shownText).toEqual(offersV2.texts.en);
    expect(states).toEqual([expect.objectContaining({ purposeVersion: 2, granted: true })]);
  });

  it("lets her switch it off from the prompt or the switch, but a prompt answered after that is stale", async () => {
    const customer = await agreedToVersion1("declines");
    await setConsent(customer, { ...grant({ method: "reconsent_prompt", agreedVersion: 1 }), granted: false });
    expect((await rowsFor(customer.customerId, key)).states).toEqual([expect.objectContaining({ granted: false })]);
    // The prompt, still open in another tab, offered version 2 as changes to a consent she no longer has.
    const error = await setConsent(customer, grant({ method: "reconsent_prompt", agreedVersion: 1 })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "conflict", messageKey: "consentChanged" });
    // The purposes page now shows version 2 in full, with a switch: that grants version 2.
    await setConsent(customer, grant());
    expect((await rowsFor(customer.customerId, key)).events.at(-1)).toMatchObject({
      action: "granted",
      purposeVersion: 2,
      method: "switch",
    });

    const other = await agreedToVersion1("switches-off");
    await setConsent(other, { ...grant(), granted: false });
    expect((await rowsFor(other.customerId, key)).states).toEqual([expect.objectContaining({ granted: false })]);
  });
});
