import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { consentEvents, consentStates, purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { demoPurposes } from "@/lib/demo/demo-purposes";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
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
