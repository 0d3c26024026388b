import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as sendEvents } from "@/app/api/v1/events/route";
import { getDb } from "@/db";
import { apiEventDrops, erasedReferences, interactionEvents, customerAccessLog } from "@/db/schema";
import { systemScope } from "@/lib/auth/customer-scope";
import { listInteractions } from "@/lib/data-inventory/list-interactions";
import { demoPurposes } from "@/lib/demo/demo-purposes";
import { exportSources } from "@/lib/export/sources";
import { givenConsent, givenPreferencePurposes } from "@/lib/preferences/preferences.test-support";
import { restrictProcessing } from "@/lib/requests/restrict-processing";
import { givenCustomer } from "@/lib/testing/factories";
import { eventsBody } from "./api-operations";
import { erasedReferenceHash } from "@/lib/outbox/enqueue-webhook-event";
import { givenApiClient, referencesOf } from "./integration.test-support";

let shop: Awaited<ReturnType<typeof givenApiClient>>;
const at = new Date(Date.now() - 60_000).toISOString();

beforeAll(async () => {
  await givenPreferencePurposes();
  shop = await givenApiClient(["events.write"], "Web shop");
});

function post(body: unknown, token = shop.token) {
  return sendEvents(
    new Request("http://localhost/api/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

const event = (customer: string, purpose: string, extra: Record<string, unknown> = {}) => ({
  channel: "web",
  type: "page_view",
  customer,
  purpose,
  occurredAt: at,
  ...extra,
});

async function storedFor(customerId: string) {
  const db = await getDb();
  return db.select().from(interactionEvents).where(eq(interactionEvents.customerId, customerId));
}

describe("event collection", () => {
  it("stores what a valid consent covers and drops the rest, with the reason per event", async () => {
    const kari = await givenCustomer("kari");
    const ola = await givenCustomer("ola");
    const kariRef = await referencesOf(kari.customerId);
    const olaRef = await referencesOf(ola.customerId);
    await givenConsent(kari, "product_analytics", true);
    await givenConsent(ola, "product_analytics", true);
    await restrictProcessing(ola, { ground: "accuracy_contested" });
    await givenConsent(kari, "newsletter", true);
    await givenConsent(kari, "newsletter", false);
    const db = await getDb();
    await db.insert(erasedReferences).values({ referenceHash: erasedReferenceHash("n", 555555555) });

    const response = await post({
      events: [
        event(kariRef.number, "product_analytics", { properties: { page: "/sale", items: 3, logged_in: true } }),
        event(kariRef.pseudonym, "newsletter", { type: "email_open", channel: "email" }),
        event(kariRef.number, "personalised_offers"),
        event(olaRef.number, "product_analytics"),
        event("555555555", "product_analytics"),
        event("444444444", "product_analytics"),
        event(kariRef.number, "order_processing", { type: "checkout", channel: "app" }),
      ],
    });
    expect(response.status).toBe(200);
    const body = eventsBody.parse(await response.json());
    expect(body.results).toEqual([
      { status: "stored" },
      { status: "dropped", reason: "withdrawn" },
      { status: "dropped", reason: "not_asked" },
      { status: "dropped", reason: "restricted" },
      { status: "dropped", reason: "erased" },
      { status: "dropped", reason: "unknown_customer" },
      { status: "stored" },
    ]);
    expect(body).toMatchObject({ stored: 2, dropped: 5 });

    const stored = await storedFor(kari.customerId);
    expect(stored.map((e) => [e.kind, e.purposeKey, e.apiClientId])).toEqual(
      expect.arrayContaining([
        ["page_view", "product_analytics", shop.clientId],
        ["checkout", "order_processing", shop.clientId],
      ]),
    );
    expect(stored.find((e) => e.kind === "page_view")!.detail).toEqual({ page: "/sale", items: 3, logged_in: true });
    const checkout = stored.find((e) => e.kind === "checkout")!;
    expect([checkout.channel, checkout.occurredAt.toISOString(), checkout.detail]).toEqual(["app", at, null]);
    expect(await storedFor(ola.customerId)).toHaveLength(0);
    // Each answer told the client how the customer stands on the purpose: in their access log.
    const looks = await db
      .select({ field: customerAccessLog.field })
      .from(customerAccessLog)
      .where(and(eq(customerAccessLog.customerId, kari.customerId), eq(customerAccessLog.staffRole, "system")));
    expect(looks.map((l) => l.field).sort()).toEqual(["newsletter", "order_processing", "personalised_offers", "product_analytics"]);
    // At once on the customer's own data page.
    const page = await listInteractions(kari, {
      locale: "en",
      filters: { channel: null, from: null, to: null },
      query: { cursor: null, direction: "older" },
    });
    // With the system that sent each one and the purpose it was sent for, by name.
    const nameOf = (key: string) => demoPurposes.find((p) => p.key === key)!.texts.en.name;
    expect(page.items.map((i) => [i.kind, i.sentBy, i.purpose])).toEqual(
      expect.arrayContaining([
        ["page_view", "Web shop", nameOf("product_analytics")],
        ["checkout", "Web shop", nameOf("order_processing")],
      ]),
    );
    // And in the customer's download of everything held about them.
    const exported = [];
    for await (const batch of exportSources.interactionEvents.batches(db, systemScope(kari.customerId, "export"), 100))
      exported.push(...batch);
    expect(exported.map((e) => [e.kind, e.purposeKey, e.sentBy])).toEqual(
      expect.arrayContaining([
        ["page_view", "product_analytics", "Web shop"],
        ["checkout", "order_processing", "Web shop"],
      ]),
    );

    const drops = await db.select().from(apiEventDrops).where(eq(apiEventDrops.clientId, shop.clientId));
    expect(Object.fromEntries(drops.map((d) => [`${d.purposeKey}:${d.reason}`, d.events]))).toEqual({
      "newsletter:withdrawn": 1,
      "personalised_offers:not_asked": 1,
      "product_analytics:restricted": 1,
      "product_analytics:erased": 1,
      "product_analytics:unknown_customer": 1,
    });
  });

  it("refuses a batch naming a purpose not in use, a future date, bad fields or too many events, storing nothing", async () => {
    const per = await givenCustomer("per");
    const ref = await referencesOf(per.customerId);
    await givenConsent(per, "product_analytics", true);
    const ok = event(ref.number, "product_analytics");

    let response = await post({ events: [ok, event(ref.number, "old_digest")] });
    expect(response.status).toBe(400);
    const refused = (await response.json()).error;
    expect(refused.code).toBe("unknown_purposes");
    expect(refused.details).toEqual([expect.objectContaining({ path: "body.events.1.purpose", code: "purpose_not_found" })]);

    response = await post({ events: [ok, { ...ok, occurredAt: new Date(Date.now() + 3_600_000).toISOString() }] });
    expect(response.status).toBe(400);
    expect((await response.json()).error.details[0]).toMatchObject({ path: "body.events.1.occurredAt", code: "event_in_future" });

    for (const bad of [
      { ...ok, channel: "fax" },
      { ...ok, type: "Page View" },
      { ...ok, occurredAt: "yesterday" },
      { ...ok, customer: "per@example.test" },
      { ...ok, properties: { "Bad Key": 1 } },
      { ...ok, properties: { nested: { a: 1 } } },
      { ...ok, properties: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, i])) },
      { ...ok, extra: 1 },
    ]) {
      expect((await post({ events: [ok, bad] })).status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    response = await post({ events: Array.from({ length: 1001 }, () => ok) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("batch_too_large");
    expect((await post({ events: [] })).status).toBe(400);
    expect(await storedFor(per.customerId)).toHaveLength(0);
  });

  it("refuses what the database could not store or a customer should not be shown, with the field and its reason", async () => {
    const liv = await givenCustomer("liv");
    const ref = await referencesOf(liv.customerId);
    await givenConsent(liv, "product_analytics", true);
    const ok = event(ref.number, "product_analytics");
    const cases: [unknown, string, string][] = [
      // Year 0 (also written as year 1 with a positive offset): no such year in PostgreSQL.
      [{ ...ok, occurredAt: "0000-12-31T23:59:59+23:59" }, "body.events.1.occurredAt", "event_too_old"],
      [{ ...ok, occurredAt: "0001-01-01T00:00:00+01:00" }, "body.events.1.occurredAt", "event_too_old"],
      [{ ...ok, occurredAt: "1969-12-31T23:59:59Z" }, "body.events.1.occurredAt", "event_too_old"],
      // NUL and an unpaired surrogate: jsonb refuses them; a bidi mark would disguise the text.
      [{ ...ok, properties: { note: "a\u0000b" } }, "body.events.1.properties.note", "invisible_characters"],
      [{ ...ok, properties: { note: "a\ud800b" } }, "body.events.1.properties.note", "invisible_characters"],
      [{ ...ok, properties: { note: "a\u202eb" } }, "body.events.1.properties.note", "invisible_characters"],
      // Taken as given: a reference with a line break is not the customer without one.
      [{ ...ok, customer: `${ref.number}\n` }, "body.events.1.customer", "invalid_customer_reference"],
      [{ ...ok, customer: ` ${ref.number}` }, "body.events.1.customer", "invalid_customer_reference"],
      // Properties say what happened, never who: no contact details, by key or by the look of a value.
      [{ ...ok, properties: { email: "x" } }, "body.events.1.properties.email", "contact_details_in_property"],
      [{ ...ok, properties: { phone: "+47 987 65 432" } }, "body.events.1.properties.phone", "contact_details_in_property"],
      [{ ...ok, properties: { full_name: "Kari Nordmann" } }, "body.events.1.properties.full_name", "contact_details_in_property"],
      [{ ...ok, properties: { note: "reply to kari@example.com" } }, "body.events.1.properties.note", "contact_details_in_property"],
    ];
    for (const [bad, path, code] of cases) {
      const response = await post({ events: [ok, bad] });
      const label = JSON.stringify(bad).slice(0, 120);
      expect(response.status, label).toBe(400);
      const refused = (await response.json()).error;
      expect(refused.code, label).toBe("invalid_request");
      expect(refused.details, label).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
    }

    // A key named __proto__, anywhere, is refused by name rather than passed over.
    const text = JSON.stringify({ events: [ok, { ...ok, properties: { a: 1 } }] }).replace('"a":1', '"__proto__":1');
    const response = await sendEvents(
      new Request("http://localhost/api/v1/events", {
        method: "POST",
        headers: { authorization: `Bearer ${shop.token}`, "content-type": "application/json", "accept-language": "nb" },
        body: text,
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(400);
    const refused = (await response.json()).error;
    expect(refused.details).toEqual([expect.objectContaining({ path: "body", code: "reserved_key" })]);
    expect(refused.details[0].message, "in the caller's language").toMatch(/godtas ikke/);
    expect(await storedFor(liv.customerId)).toHaveLength(0);

    // What is allowed: a line break, an emoji with its joiner, the scheme's name in any case.
    const fine = await sendEvents(
      new Request("http://localhost/api/v1/events", {
        method: "POST",
        headers: { authorization: `bearer ${shop.token}`, "content-type": "application/json" },
        body: JSON.stringify({ events: [{ ...ok, properties: { note: "two\nlines 👩‍👩‍👧" } }] }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(fine.status).toBe(200);
    expect(eventsBody.parse(await fine.json()).stored).toBe(1);
  });

  it("is refused to a client without events.write", async () => {
    const reader = await givenApiClient(["consent.read"]);
    expect((await post({ events: [event("100001", "product_analytics")] }, reader.token)).status).toBe(403);
  });
});
