import { and, eq, sql } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { FAILED_TOKENS_PER_MINUTE } from "@/lib/define-api-route";
import { GET as checkOne } from "@/app/api/v1/customers/[customer]/consents/[purpose]/route";
import { POST as checkMany } from "@/app/api/v1/consent-checks/route";
import { POST as collect } from "@/app/api/v1/events/route";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows-of";
import { apiCalls, apiClients, apiClientTokens, communicationPreferences, customerAccessLog, erasedReferences, systemReads } from "@/db/schema";
import { applyGlobalPrivacyControl } from "@/lib/consent/apply-global-privacy-control";
import { givenConsent, givenPreferencePurposes } from "@/lib/preferences/preferences.test-support";
import { restrictProcessing } from "@/lib/requests/restrict-processing";
import { givenCustomer, givenSession } from "@/lib/testing/factories";
import { ApiRateLimiter } from "./api-rate-limit";
import { consentDecisionBody, bulkCheckBody, errorBody } from "./api-operations";
import { erasedReferenceHash } from "@/lib/outbox/enqueue-webhook-event";
import { givenApiClient, referencesOf } from "./integration.test-support";

let reader: Awaited<ReturnType<typeof givenApiClient>>;
let bulk: Awaited<ReturnType<typeof givenApiClient>>;

beforeAll(async () => {
  await givenPreferencePurposes();
  reader = await givenApiClient(["consent.read"], "Web shop");
  bulk = await givenApiClient(["consent.check.bulk"], "Email platform");
});

function ask(reference: string, purpose: string, options: { token?: string | null; query?: string; language?: string } = {}) {
  const token = options.token === undefined ? reader.token : options.token;
  const url = `http://localhost/api/v1/customers/${encodeURIComponent(reference)}/consents/${purpose}${options.query ?? ""}`;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.language) headers["accept-language"] = options.language;
  return checkOne(new Request(url, { headers }), {
    params: Promise.resolve({ customer: decodeURIComponent(reference), purpose }),
  });
}

function askMany(body: unknown, options: { token?: string; type?: string; raw?: string } = {}) {
  return checkMany(
    new Request("http://localhost/api/v1/consent-checks", {
      method: "POST",
      headers: { authorization: `Bearer ${options.token ?? bulk.token}`, "content-type": options.type ?? "application/json" },
      body: options.raw ?? JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

async function systemAccesses(customerId: string) {
  const db = await getDb();
  return db
    .select()
    .from(customerAccessLog)
    .where(and(eq(customerAccessLog.customerId, customerId), eq(customerAccessLog.staffRole, "system")));
}

describe("the consent decision API, one customer", () => {
  it("says allow with the version and date once granted, deny once withdrawn, by number or pseudonym", async () => {
    const kari = await givenCustomer("kari");
    const refs = await referencesOf(kari.customerId);
    let response = await ask(refs.number, "newsletter");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ decision: "deny", reason: "not_asked", customer: refs.number });

    await givenConsent(kari, "newsletter", true);
    response = await ask(refs.pseudonym, "newsletter", { query: "?channel=email" });
    const body = consentDecisionBody.parse(await response.json());
    expect(body).toMatchObject({ decision: "allow", reason: "granted", consentVersion: 1, channel: "email" });
    expect(body.purpose).toEqual({ key: "newsletter", version: 1 });
    expect(body.since).not.toBeNull();
    expect(response.headers.get("cache-control")).toBe("no-store");

    await givenConsent(kari, "newsletter", false);
    expect(await (await ask(refs.number, "newsletter")).json()).toMatchObject({ decision: "deny", reason: "withdrawn" });
  });

  it("answers for the channel: not offered, or switched off by the customer", async () => {
    const ola = await givenCustomer("ola");
    const refs = await referencesOf(ola.customerId);
    await givenConsent(ola, "newsletter", true);
    expect(await (await ask(refs.number, "newsletter", { query: "?channel=sms" })).json()).toMatchObject({
      decision: "deny",
      reason: "channel_not_offered",
    });
    const db = await getDb();
    await db
      .insert(communicationPreferences)
      .values({ customerId: ola.customerId, channel: "email", topic: "newsletter", allowed: false });
    expect(await (await ask(refs.number, "newsletter", { query: "?channel=email" })).json()).toMatchObject({
      decision: "deny",
      reason: "channel_switched_off",
    });
    // Without a channel the consent alone answers.
    expect(await (await ask(refs.number, "newsletter")).json()).toMatchObject({ decision: "allow" });
  });

  it("contract purposes are required, legitimate interest in use, and a restriction pauses both consent and interest", async () => {
    const per = await givenCustomer("per");
    const refs = await referencesOf(per.customerId);
    expect(await (await ask(refs.number, "order_processing")).json()).toMatchObject({ decision: "allow", reason: "required" });
    expect(await (await ask(refs.number, "service_surveys")).json()).toMatchObject({
      decision: "allow",
      reason: "legitimate_interest",
    });
    await givenConsent(per, "newsletter", true);
    await restrictProcessing(per, { ground: "accuracy_contested" });
    expect(await (await ask(refs.number, "newsletter")).json()).toMatchObject({ decision: "deny", reason: "restricted" });
    expect(await (await ask(refs.number, "service_surveys")).json()).toMatchObject({ decision: "deny", reason: "restricted" });
    expect(await (await ask(refs.number, "order_processing")).json()).toMatchObject({ decision: "allow", reason: "required" });
  });

  it("puts each read in the customer's access log as a system access, and logs the call", async () => {
    const lise = await givenCustomer("lise");
    const refs = await referencesOf(lise.customerId);
    await ask(refs.number, "newsletter");
    const [entry, ...more] = await systemAccesses(lise.customerId);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      staffUserId: reader.clientId,
      staffDisplayName: "Web shop",
      action: "view",
      field: "newsletter",
      reasonCode: "api_consent_check",
      justification: null,
    });
    const db = await getDb();
    const calls = await db.select().from(apiCalls).where(eq(apiCalls.customerId, lise.customerId));
    expect(calls).toEqual([
      expect.objectContaining({ clientId: reader.clientId, scope: "consent.read", operation: "checkConsent", status: 200, subjects: 1 }),
    ]);
  });

  it("refuses unknown, malformed, revoked and lapsed tokens with 401 and reads nothing", async () => {
    const kim = await givenCustomer("kim");
    const refs = await referencesOf(kim.customerId);
    const revoked = await givenApiClient(["consent.read"]);
    const lapsed = await givenApiClient(["consent.read"]);
    const db = await getDb();
    await db.update(apiClients).set({ revokedAt: sql`now()` }).where(eq(apiClients.id, revoked.clientId));
    await db
      .update(apiClientTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiClientTokens.clientId, lapsed.clientId));
    for (const token of [null, "nonsense", `tillit_${"A".repeat(43)}`, revoked.token, lapsed.token]) {
      const response = await ask(refs.number, "newsletter", { token });
      expect(response.status, String(token)).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      expect(errorBody.parse(await response.json()).error.code).toBe("unauthenticated");
    }
    // A signed-in person's session cookie is never a way in.
    const session = await givenSession(kim.userId);
    const byCookie = await checkOne(
      new Request(`http://localhost/api/v1/customers/${refs.number}/consents/newsletter`, {
        headers: { cookie: `authjs.session-token=${session}` },
      }),
      { params: Promise.resolve({ customer: refs.number, purpose: "newsletter" }) },
    );
    expect(byCookie.status).toBe(401);
    expect(await systemAccesses(kim.customerId)).toHaveLength(0);
  });

  it("refuses a client it answered a moment ago once it is revoked, its token lapsed or its scope withdrawn", async () => {
    // The route takes the client a token had before in this process and proves the token in
    // the statement of its reads: each change below must be seen by the very next call.
    const lea = await givenCustomer("lea");
    const refs = await referencesOf(lea.customerId);
    const db = await getDb();
    const revoked = await givenApiClient(["consent.read", "consent.check.bulk", "events.write"], "Revoked system");
    const lapsed = await givenApiClient(["consent.read"], "Lapsed system");
    const narrowed = await givenApiClient(["consent.read", "events.write"], "Narrowed system");
    const careless = await givenApiClient(["consent.read"], "Careless system");
    for (const client of [revoked, lapsed, narrowed, careless]) {
      expect((await ask(refs.number, "newsletter", { token: client.token })).status).toBe(200);
    }
    expect((await askMany({ purpose: "newsletter", customers: [refs.number] }, { token: revoked.token })).status).toBe(200);
    const readsBefore = (await systemAccesses(lea.customerId)).length;
    const callsBefore = await db.select().from(apiCalls).where(eq(apiCalls.customerId, lea.customerId));

    await db.update(apiClients).set({ revokedAt: sql`now()` }).where(eq(apiClients.id, revoked.clientId));
    await db
      .update(apiClientTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiClientTokens.clientId, lapsed.clientId));
    await db.update(apiClients).set({ scopes: ["events.write"] }).where(eq(apiClients.id, narrowed.clientId));
    await db.update(apiClients).set({ revokedAt: sql`now()` }).where(eq(apiClients.id, careless.clientId));

    for (const client of [revoked, lapsed]) {
      const response = await ask(refs.number, "newsletter", { token: client.token });
      expect(response.status, client.name).toBe(401);
      expect(errorBody.parse(await response.json()).error.code).toBe("unauthenticated");
    }
    const many = await askMany({ purpose: "newsletter", customers: [refs.number] }, { token: revoked.token });
    expect(many.status).toBe(401);
    // An operation that reads the client on every call refuses it too (nothing remembered there).
    const events = await collect(
      new Request("http://localhost/api/v1/events", {
        method: "POST",
        headers: { authorization: `Bearer ${revoked.token}`, "content-type": "application/json" },
        body: JSON.stringify({ events: [] }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(events.status).toBe(401);
    const narrowedAnswer = await ask(refs.number, "newsletter", { token: narrowed.token });
    expect(narrowedAnswer.status).toBe(403);
    expect(errorBody.parse(await narrowedAnswer.json()).error.code).toBe("insufficient_scope");
    expect((await ask("00012", "newsletter", { token: narrowed.token })).status, "malformed, and no scope").toBe(403);
    // Whatever else is wrong with a revoked client's call, the answer is that it is revoked.
    expect((await ask("00012", "newsletter", { token: careless.token })).status).toBe(401);

    expect(await systemAccesses(lea.customerId)).toHaveLength(readsBefore);
    expect(await db.select().from(apiCalls).where(eq(apiCalls.customerId, lea.customerId))).toEqual(callsBefore);
    const narrowedCalls = await db.select().from(apiCalls).where(eq(apiCalls.clientId, narrowed.clientId));
    expect(narrowedCalls.map((c) => c.status)).toEqual([200, 403, 403]);
    for (const [client, statuses] of [
      [revoked, [200, 200]],
      [lapsed, [200]],
    ] as const) {
      const calls = await db.select().from(apiCalls).where(eq(apiCalls.clientId, client.clientId)).orderBy(apiCalls.id);
      expect(calls.map((c) => c.status), `${client.name}: nothing logged once refused`).toEqual(statuses);
    }
    const carelessCalls = await db.select().from(apiCalls).where(eq(apiCalls.clientId, careless.clientId));
    expect(carelessCalls.map((c) => c.status), "a revoked client's refusal is not logged as its call").toEqual([200]);
  });

  it("names the client in a customer's access log as it is called at the time of the read", async () => {
    const mia = await givenCustomer("mia");
    const refs = await referencesOf(mia.customerId);
    const client = await givenApiClient(["consent.read"], "Old name");
    expect((await ask(refs.number, "newsletter", { token: client.token })).status).toBe(200);
    const db = await getDb();
    await db.update(apiClients).set({ name: "New name" }).where(eq(apiClients.id, client.clientId));
    expect((await ask(refs.number, "newsletter", { token: client.token })).status).toBe(200);
    const reads = await db
      .select({ name: systemReads.clientName })
      .from(systemReads)
      .where(eq(systemReads.clientId, client.clientId))
      .orderBy(systemReads.id);
    expect(reads.map((r) => r.name)).toEqual(["Old name", "New name"]);
  });

  it("refuses a client without the scope (403), unknown customers and purposes (404), malformed input (400)", async () => {
    const kai = await givenCustomer("kai");
    const refs = await referencesOf(kai.customerId);
    let response = await ask(refs.number, "newsletter", { token: bulk.token });
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatchObject({ code: "insufficient_scope" });

    response = await ask("999999999", "newsletter");
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("customer_not_found");
    response = await ask(refs.number, "no_such_purpose");
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("purpose_not_found");
    response = await ask(refs.number, "old_digest");
    expect(response.status, "a retired purpose is not in use").toBe(404);

    response = await ask("kai@example.test", "newsletter", { language: "nb" });
    expect(response.status).toBe(400);
    const refused = errorBody.parse(await response.json()).error;
    expect(refused.code).toBe("invalid_request");
    expect(refused.message).toMatch(/skjema/);
    expect(refused.details).toEqual([expect.objectContaining({ path: "path.customer", code: "email_not_allowed" })]);
    expect(refused.details![0]!.message, "in the caller's language").toMatch(/aldri med e-postadresse/);
    for (const [reference, query] of [
      ["00012", ""],
      ["12 34", ""],
      [refs.number, "?channel=fax"],
      [refs.number, "?channel=email&channel=sms"],
      [refs.number, "?other=1"],
    ] as const) {
      expect((await ask(reference, "newsletter", { query })).status, `${reference}${query}`).toBe(400);
    }
    expect(await systemAccesses(kai.customerId)).toHaveLength(0);
    const db = await getDb();
    const refusedCalls = await db.select().from(apiCalls).where(eq(apiCalls.clientId, reader.clientId));
    expect(refusedCalls.filter((c) => c.status === 400).length).toBeGreaterThanOrEqual(6);
  });
  it("answers 'erased' for one erased customer as an answered call, and logs a call about nobody once, as a 404", async () => {
    const client = await givenApiClient(["consent.read"], "Loyalty app");
    const db = await getDb();
    await db.insert(erasedReferences).values({ referenceHash: erasedReferenceHash("n", 555444333) });
    const erased = await ask("555444333", "newsletter", { token: client.token });
    expect(erased.status).toBe(200);
    expect(consentDecisionBody.parse(await erased.json())).toMatchObject({ decision: "deny", reason: "erased" });
    expect((await ask("555444334", "newsletter", { token: client.token })).status).toBe(404);
    const calls = await db.select().from(apiCalls).where(eq(apiCalls.clientId, client.clientId)).orderBy(apiCalls.id);
    expect(calls.map((c) => [c.operation, c.status, c.customerId, c.subjects])).toEqual([
      ["checkConsent", 200, null, 0],
      ["checkConsent", 404, null, 0],
    ]);
  });
});

/** An answer without the moment it was given. */
async function answerOf(response: Response) {
  const { checkedAt, ...body } = await response.json();
  expect(checkedAt === undefined || !Number.isNaN(Date.parse(checkedAt))).toBe(true);
  return { status: response.status, body };
}

describe("checks of one customer arriving together", () => {
  it("answers each as if asked alone, logs each call, and keeps each read in the customer's access log", async () => {
    // Fired at once, the checks outnumber the statements allowed in flight: those that wait are
    // answered together by one statement (see oneChecks in check-consent.ts).
    const client = await givenApiClient(["consent.read"], "Booking system");
    const db = await getDb();
    const people = await Promise.all(["anna", "bjorn", "cato", "dina", "eir"].map((name) => givenCustomer(name)));
    await givenConsent(people[0]!, "newsletter", true);
    await givenConsent(people[1]!, "newsletter", true);
    await givenConsent(people[1]!, "newsletter", false);
    await givenConsent(people[2]!, "newsletter", true);
    await givenConsent(people[3]!, "newsletter", true);
    await restrictProcessing(people[3]!, { ground: "accuracy_contested" });
    const refs = await Promise.all(people.map((person) => referencesOf(person.customerId)));
    await db.insert(erasedReferences).values({ referenceHash: erasedReferenceHash("n", 555444777) });
    const asked: [string, string, string?][] = [
      ...refs.flatMap((ref): [string, string, string?][] => [
        [ref.number, "newsletter"],
        [ref.pseudonym, "newsletter"],
        [ref.number, "newsletter", "?channel=email"],
      ]),
      // Anna three times more by number: three more reads of her, each its own.
      [refs[0]!.number, "newsletter"],
      [refs[0]!.number, "newsletter"],
      [refs[0]!.number, "newsletter"],
      [refs[2]!.number, "order_processing"],
      ["555444777", "newsletter"],
      ["555444778", "newsletter"],
    ];
    const together = await Promise.all(
      asked.map(async ([reference, purpose, query]) => {
        const response = await ask(reference, purpose, { token: client.token, query });
        return answerOf(response);
      }),
    );
    const readsTogether = await db.select().from(systemReads).where(eq(systemReads.clientId, client.clientId));
    const callsTogether = await db.select().from(apiCalls).where(eq(apiCalls.clientId, client.clientId));
    const accessesTogether = await Promise.all(people.map((person) => systemAccesses(person.customerId)));

    const alone = [];
    for (const [reference, purpose, query] of asked) {
      alone.push(await answerOf(await ask(reference, purpose, { token: client.token, query })));
    }
    expect(together).toEqual(alone);
    expect(together.map((answer) => answer.body.reason ?? answer.body.error.code)).toEqual([
      ...["granted", "granted", "granted"],
      ...["withdrawn", "withdrawn", "withdrawn"],
      ...["granted", "granted", "granted"],
      ...["restricted", "restricted", "restricted"],
      ...["not_asked", "not_asked", "not_asked"],
      ...["granted", "granted", "granted", "required", "erased", "customer_not_found"],
    ]);

    // Grouped: fewer statements (system_reads rows) than checks.
    expect(readsTogether.length).toBeLessThan(asked.length - 2);
    // Each call its own row: about whom, and how it was answered.
    const perCall = callsTogether.map((call) => `${call.operation} ${call.status} ${call.customerId ?? "-"} ${call.subjects}`);
    const expected = [
      ...people.flatMap((person) => Array(3).fill(`checkConsent 200 ${person.customerId} 1`)),
      ...Array(3).fill(`checkConsent 200 ${people[0]!.customerId} 1`),
      `checkConsent 200 ${people[2]!.customerId} 1`,
      "checkConsent 200 - 0",
      "checkConsent 404 - 0",
    ];
    expect(perCall.sort()).toEqual(expected.sort());
    // Each read in the customer's access log, as many as she was asked about.
    expect(accessesTogether.map((accesses) => accesses.length)).toEqual([6, 3, 4, 3, 3]);
    for (const accesses of accessesTogether) {
      expect(accesses.every((access) => access.staffDisplayName === "Booking system")).toBe(true);
    }
  });

  it("refuses every waiting check of a client revoked meanwhile, and writes nothing for them", async () => {
    const client = await givenApiClient(["consent.read"], "Quitting system");
    const people = await Promise.all(["frida", "geir", "hege", "ivar"].map((name) => givenCustomer(name)));
    const refs = await Promise.all(people.map((person) => referencesOf(person.customerId)));
    expect((await ask(refs[0]!.number, "newsletter", { token: client.token })).status).toBe(200);
    const db = await getDb();
    await db.update(apiClients).set({ revokedAt: sql`now()` }).where(eq(apiClients.id, client.clientId));
    const statuses = await Promise.all(
      [...refs, ...refs].map(async (ref) => (await ask(ref.number, "newsletter", { token: client.token })).status),
    );
    expect(statuses).toEqual(Array(8).fill(401));
    const reads = await db.select().from(systemReads).where(eq(systemReads.clientId, client.clientId));
    expect(reads).toHaveLength(1);
    const calls = await db.select().from(apiCalls).where(eq(apiCalls.clientId, client.clientId));
    expect(calls.map((call) => call.status)).toEqual([200]);
  });
});

describe("Global Privacy Control", () => {
  it("names the browser's signal as the reason, for one customer and in a bulk check, and a click as withdrawn", async () => {
    const signal = await givenCustomer("gpc-api");
    const click = await givenCustomer("click-api");
    await givenConsent(signal, "delivery_partner_sharing", true);
    expect(await applyGlobalPrivacyControl(signal, { userAgent: "Firefox GPC", locale: "en" })).toEqual([
      "delivery_partner_sharing",
    ]);
    await givenConsent(click, "delivery_partner_sharing", true);
    await givenConsent(click, "delivery_partner_sharing", false);
    const [refSignal, refClick] = await Promise.all([referencesOf(signal.customerId), referencesOf(click.customerId)]);
    const one = await ask(refSignal.number, "delivery_partner_sharing");
    expect(await one.json()).toMatchObject({ decision: "deny", reason: "global_privacy_control" });
    const many = await askMany({ purpose: "delivery_partner_sharing", customers: [refSignal.pseudonym, refClick.number] });
    expect(bulkCheckBody.parse(await many.json()).results.map((r) => r.reason)).toEqual([
      "global_privacy_control",
      "withdrawn",
    ]);
  });
});

describe("the bulk check", () => {
  it("answers each customer in order, with unknown and erased references, and logs one access per customer", async () => {
    const a = await givenCustomer("a");
    const b = await givenCustomer("b");
    await givenConsent(a, "newsletter", true);
    const refA = await referencesOf(a.customerId);
    const refB = await referencesOf(b.customerId);
    const db = await getDb();
    await db.insert(erasedReferences).values({ referenceHash: erasedReferenceHash("n", 987654321) });
    const response = await askMany({
      purpose: "newsletter",
      channel: "email",
      customers: [refA.number, refB.pseudonym, "987654321", "123456789", refA.pseudonym],
    });
    expect(response.status).toBe(200);
    const body = bulkCheckBody.parse(await response.json());
    expect(body.results.map((r) => [r.decision, r.reason])).toEqual([
      ["allow", "granted"],
      ["deny", "not_asked"],
      ["deny", "erased"],
      ["deny", "unknown_customer"],
      ["allow", "granted"],
    ]);
    expect(body.allowed).toBe(2);
    expect(await systemAccesses(a.customerId)).toHaveLength(1);
    expect(await systemAccesses(b.customerId)).toHaveLength(1);
    // One row for the call however many customers (a named once, though asked for twice).
    const reads = await db
      .select()
      .from(systemReads)
      .where(and(eq(systemReads.clientId, bulk.clientId), eq(systemReads.purposeKey, "newsletter")));
    expect(reads).toHaveLength(1);
    expect([...reads[0]!.customerIds].sort()).toEqual([a.customerId, b.customerId].sort());
    // The customers went straight into the access log's index: no pending list for a later
    // writer to merge (the bulk check's half-second stall) or for every reader to scan.
    const [pending] = rowsOf<{ pages: number }>(
      await db.execute(sql`select gin_clean_pending_list('system_reads_customers_idx')::int as pages`),
    );
    expect(pending!.pages).toBe(0);
    const [call] = await db
      .select()
      .from(apiCalls)
      .where(and(eq(apiCalls.clientId, bulk.clientId), eq(apiCalls.operation, "checkConsentBulk")));
    expect(call).toMatchObject({ operation: "checkConsentBulk", subjects: 2, customerId: null });
  });

  it("refuses an oversized batch (413), a large body (413), a wrong type (415), bad JSON and extra fields (400)", async () => {
    const before = await (await getDb()).$count(customerAccessLog);
    const many = Array.from({ length: 10_001 }, (_, i) => String(100_000 + i));
    let response = await askMany({ purpose: "newsletter", customers: many });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({ code: "batch_too_large" });
    response = await askMany(null, { raw: JSON.stringify({ purpose: "newsletter", customers: ["1".repeat(15)], pad: "x".repeat(1_000_001) }) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
    response = await askMany({ purpose: "newsletter", customers: ["100001"] }, { type: "text/plain" });
    expect(response.status).toBe(415);
    response = await askMany(null, { raw: "{not json" });
    expect((await response.json()).error.code).toBe("invalid_json");
    response = await askMany({ purpose: "newsletter", customers: ["100001"], extra: true });
    expect(response.status).toBe(400);
    response = await askMany({ purpose: "newsletter", customers: [] });
    expect(response.status).toBe(400);
    response = await askMany({ purpose: "Newsletter!", customers: ["100001"] });
    expect(response.status).toBe(400);
    expect(await (await getDb()).$count(customerAccessLog)).toBe(before);
  });
});

describe("refused tokens from one address", () => {
  it("are limited per address: past the limit that address hears 429 without a read, a known good token still passes", async () => {
    vi.stubEnv("TILLIT_TRUSTED_PROXY_HOPS", "1");
    const from = (address: string, token: string) =>
      checkOne(
        new Request("http://localhost/api/v1/customers/100001/consents/newsletter", {
          headers: { authorization: `Bearer ${token}`, "x-forwarded-for": address },
        }),
        { params: Promise.resolve({ customer: "100001", purpose: "newsletter" }) },
      );
    const madeUp = () => `tillit_${randomBytes(32).toString("base64url")}`;
    // The good token is known to this process once it has been used.
    expect((await from("203.0.113.7", reader.token)).status).not.toBe(401);
    for (let i = 0; i < FAILED_TOKENS_PER_MINUTE; i++) expect((await from("203.0.113.7", madeUp())).status).toBe(401);
    const refused = await from("203.0.113.7", madeUp());
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe("rate_limited");
    expect((await from("203.0.113.7", reader.token)).status, "a good token from the same address").not.toBe(429);
    expect((await from("198.51.100.9", madeUp())).status, "another address").toBe(401);
    vi.unstubAllEnvs();
  });
});

describe("the per-client rate limit", () => {
  it("allows the limit per minute, then says when to come back", () => {
    const limiter = new ApiRateLimiter(3);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take("c", t0).allowed)).toEqual([true, true, true]);
    expect(limiter.take("c", t0 + 15_000)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.take("other", t0 + 15_000).allowed).toBe(true);
    expect(limiter.take("c", t0 + 60_000).allowed).toBe(true);
  });
});
