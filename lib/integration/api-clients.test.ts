import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiCalls, apiClients, apiClientTokens, auditLog } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { AppError } from "@/lib/errors";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { createApiClient, getApiClient, listApiClients, revokeApiClient, rotateApiClientToken } from "./api-clients";
import { hashApiToken, looksLikeApiToken } from "./api-token";
import { cliOperator } from "./operator";

const HOUR = 60 * 60 * 1000;

async function tableCounts() {
  const db = await getDb();
  const [[clients], [tokens], [audits]] = await Promise.all([
    db.select({ n: count() }).from(apiClients),
    db.select({ n: count() }).from(apiClientTokens),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { clients: clients!.n, tokens: tokens!.n, audits: audits!.n };
}

async function refused(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function tokensOf(clientId: string) {
  const db = await getDb();
  return db.select().from(apiClientTokens).where(eq(apiClientTokens.clientId, clientId)).orderBy(apiClientTokens.id);
}

/** Whether a presented token would be accepted at `at`, by the rows as authentication reads them. */
async function accepted(token: string, at = new Date()): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ expiresAt: apiClientTokens.expiresAt, revokedAt: apiClients.revokedAt })
    .from(apiClientTokens)
    .innerJoin(apiClients, eq(apiClients.id, apiClientTokens.clientId))
    .where(eq(apiClientTokens.tokenHash, hashApiToken(token)));
  return Boolean(row && !row.revokedAt && (row.expiresAt === null || row.expiresAt > at));
}

describe("API clients", () => {
  it("creates a client, storing only the hash of a token returned once, and audits it without secrets", async () => {
    const product = await givenStaff("product");
    const { clientId, token } = await createApiClient(product, {
      name: "  Web shop  ",
      scopes: ["consent.read", "events.write"],
      country: "SE",
    });
    expect(looksLikeApiToken(token)).toBe(true);
    const db = await getDb();
    const [client] = await db.select().from(apiClients).where(eq(apiClients.id, clientId));
    expect(client).toMatchObject({ name: "Web shop", scopes: ["consent.read", "events.write"], country: "SE" });
    expect(client!.createdBy).toBe(product.userId);
    const tokens = await tokensOf(clientId);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.tokenHash).toBe(hashApiToken(token));
    expect(tokens[0]!.tokenHash).not.toContain(token);
    expect(tokens[0]!.hint).toBe(token.slice(-4));
    expect(tokens[0]!.expiresAt).toBeNull();
    expect(await accepted(token)).toBe(true);

    const [entry] = await db.select().from(auditLog).where(eq(auditLog.targetId, clientId));
    expect(entry).toMatchObject({ action: "api_client.created", actorKind: "staff", actorId: product.userId });
    expect(entry!.after).toEqual({
      name: "Web shop",
      scopes: ["consent.read", "events.write"],
      country: "SE",
      activeTokens: 1,
    });
    const written = JSON.stringify(await db.select().from(auditLog));
    expect(written).not.toContain(token);
    expect(written).not.toContain(hashApiToken(token));
    expect((await verifyAuditChain(db)).ok).toBe(true);

    const list = await listApiClients(product);
    expect(list.find((c) => c.id === clientId)).toMatchObject({ name: "Web shop", revokedAt: null, lastCallAt: null });
  });

  it("refuses each bad input with a field error and writes nothing", async () => {
    const product = await givenStaff("product");
    await createApiClient(product, { name: "Email platform", scopes: ["consent.read"] });
    const before = await tableCounts();
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ name: "   ", scopes: ["consent.read"] }, { name: "required" }],
      [{ name: "x".repeat(81), scopes: ["consent.read"] }, { name: "tooLong" }],
      [{ name: "Web\u0007shop", scopes: ["consent.read"] }, { name: "invisibleCharacters" }],
      [{ name: "Web shop", scopes: [] }, { scopes: "scopesRequired" }],
      [{ name: "Web shop" }, { scopes: "scopesRequired" }],
      [{ name: "Web shop", scopes: ["consent.read", "consent.read"] }, { scopes: "scopesDuplicate" }],
      [{ name: "Web shop", scopes: ["consent.write"] }, { scopes: "scopes" }],
      [{ name: "Web shop", scopes: ["consent.read"], country: "no" }, { country: "country" }],
      [{ name: "Web shop", scopes: ["consent.read"], country: "NOR" }, { country: "country" }],
      [{ name: "email PLATFORM", scopes: ["consent.read"] }, { name: "nameTaken" }],
      [{ name: "Web shop", scopes: ["consent.read"], createdBy: "me" }, { form: "invalid" }],
    ];
    for (const [input, fieldErrors] of cases) {
      const error = await refused(createApiClient(product, input as never));
      expect(error.code, JSON.stringify(input)).toBe("invalid");
      expect(error.fieldErrors, JSON.stringify(input)).toEqual(fieldErrors);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("rotates with an overlap: the old token works until it ends, 0 ends it at once", async () => {
    const product = await givenStaff("product");
    const { clientId, token: first } = await createApiClient(product, {
      name: "Analytics pipeline",
      scopes: ["events.write"],
    });
    const started = Date.now();
    const { token: second } = await rotateApiClientToken(product, { clientId, overlapHours: "24" });
    expect(second).not.toBe(first);
    expect(await accepted(first)).toBe(true);
    expect(await accepted(second)).toBe(true);
    const [old, fresh] = await tokensOf(clientId);
    expect(old!.expiresAt!.getTime()).toBeGreaterThanOrEqual(started + 24 * HOUR);
    expect(old!.expiresAt!.getTime()).toBeLessThan(Date.now() + 24 * HOUR + 1000);
    expect(await accepted(first, new Date(started + 25 * HOUR))).toBe(false);
    expect(fresh!.expiresAt).toBeNull();

    // The default overlap is 24 hours; an earlier end is never pushed later.
    const { token: third } = await rotateApiClientToken(product, { clientId });
    expect((await tokensOf(clientId))[0]!.expiresAt).toEqual(old!.expiresAt);

    const { token: fourth } = await rotateApiClientToken(product, { clientId, overlapHours: 0 });
    for (const ended of [first, second, third]) expect(await accepted(ended)).toBe(false);
    expect(await accepted(fourth)).toBe(true);

    const detail = await getApiClient(product, clientId);
    expect(detail.tokens).toHaveLength(4);
    expect(detail.tokens.filter((t) => t.active).map((t) => t.hint)).toEqual([fourth.slice(-4)]);
    expect(JSON.stringify(detail)).not.toContain(hashApiToken(fourth));

    const db = await getDb();
    const entries = await db.select().from(auditLog).where(eq(auditLog.targetId, clientId)).orderBy(auditLog.id);
    expect(entries.map((e) => e.action)).toEqual([
      "api_client.created",
      "api_client.token_rotated",
      "api_client.token_rotated",
      "api_client.token_rotated",
    ]);
    expect(entries[1]!.after).toMatchObject({ overlapHours: 24 });
    expect(entries[3]!.after).toMatchObject({ overlapHours: 0 });
    const written = JSON.stringify(entries);
    for (const token of [first, second, third, fourth]) {
      expect(written).not.toContain(token);
      expect(written).not.toContain(hashApiToken(token));
    }

    for (const overlapHours of [-1, 169, 1.5, "x", "24h"]) {
      const error = await refused(rotateApiClientToken(product, { clientId, overlapHours: overlapHours as never }));
      expect(error.fieldErrors).toEqual({ overlapHours: "overlapHours" });
    }
    expect(await tokensOf(clientId)).toHaveLength(4);
  });

  it("revokes at once, and a revoked client cannot be rotated or revoked again", async () => {
    const product = await givenStaff("product");
    const { clientId, token } = await createApiClient(product, { name: "Loyalty app", scopes: ["consent.read"] });
    await revokeApiClient(product, { clientId });
    expect(await accepted(token)).toBe(false);
    const before = await tableCounts();
    expect((await refused(rotateApiClientToken(product, { clientId }))).messageKey).toBe("clientRevoked");
    expect((await refused(revokeApiClient(product, { clientId }))).code).toBe("conflict");
    expect(await tableCounts()).toEqual(before);
    const detail = await getApiClient(product, clientId);
    expect(detail.revokedAt).toBeInstanceOf(Date);
    expect(detail.tokens.every((t) => !t.active)).toBe(true);

    // The name is free again once the client is revoked.
    const again = await createApiClient(product, { name: "Loyalty app", scopes: ["consent.read"] });
    const list = await listApiClients(product);
    const ids = list.map((c) => c.id);
    expect(ids.indexOf(again.clientId)).toBeLessThan(ids.indexOf(clientId));
  });

  it("refuses unknown clients with not-found", async () => {
    const product = await givenStaff("product");
    const unknown = crypto.randomUUID();
    expect((await refused(rotateApiClientToken(product, { clientId: unknown }))).code).toBe("not_found");
    expect((await refused(revokeApiClient(product, { clientId: unknown }))).code).toBe("not_found");
    expect((await refused(getApiClient(product, unknown))).code).toBe("not_found");
    expect((await refused(getApiClient(product, "../etc"))).code).toBe("not_found");
    expect((await refused(revokeApiClient(product, { clientId: "not-a-uuid" }))).code).toBe("invalid");
  });

  it("refuses agents, customers, API clients, look-alike operators and nobody, writing nothing", async () => {
    const product = await givenStaff("product");
    const { clientId } = await createApiClient(product, { name: "Kept", scopes: ["consent.read"] });
    const agent = await givenStaff("agent");
    const customer = await givenCustomer("integrations");
    const apiClient = {
      kind: "api_client",
      clientId,
      name: "Kept",
      scopes: ["webhooks.manage"],
      tokenHash: "",
    } as const;
    const fakeOperator = { kind: "operator", name: "cli" } as never;
    const before = await tableCounts();
    for (const actor of [agent, customer, apiClient, fakeOperator, null]) {
      const codes = await Promise.all([
        refused(createApiClient(actor, { name: "Sneaky", scopes: ["consent.read"] })),
        refused(rotateApiClientToken(actor, { clientId })),
        refused(revokeApiClient(actor, { clientId })),
        refused(listApiClients(actor)),
        refused(getApiClient(actor, clientId)),
      ]);
      for (const error of codes) expect(["forbidden", "unauthenticated"]).toContain(error.code);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("lets the CLI operator manage clients, audited as the cli", async () => {
    const operator = cliOperator();
    const { clientId } = await createApiClient(operator, { name: "Batch job", scopes: ["consent.check.bulk"] });
    await rotateApiClientToken(operator, { clientId, overlapHours: 1 });
    await revokeApiClient(operator, { clientId });
    const db = await getDb();
    const [client] = await db.select().from(apiClients).where(eq(apiClients.id, clientId));
    expect(client!.createdBy).toBe("cli");
    const entries = await db.select().from(auditLog).where(eq(auditLog.targetId, clientId)).orderBy(auditLog.id);
    expect(entries.map((e) => [e.actorKind, e.actorName, e.action])).toEqual([
      ["system", "cli", "api_client.created"],
      ["system", "cli", "api_client.token_rotated"],
      ["system", "cli", "api_client.revoked"],
    ]);
    expect((await listApiClients(operator)).some((c) => c.id === clientId)).toBe(true);
  });

  it("shows recent calls and counts per scope, never whom a call was about", async () => {
    const product = await givenStaff("product");
    const customer = await givenCustomer("called");
    const { clientId } = await createApiClient(product, {
      name: "Call counter",
      scopes: ["consent.read", "consent.check.bulk"],
    });
    const db = await getDb();
    const now = Date.now();
    await db.insert(apiCalls).values([
      {
        clientId,
        scope: "consent.read",
        operation: "consent.check",
        status: 200,
        customerId: customer.customerId,
        occurredAt: new Date(now - HOUR),
      },
      {
        clientId,
        scope: "consent.check.bulk",
        operation: "consent.check.bulk",
        status: 200,
        subjects: 40,
        occurredAt: new Date(now - 2 * HOUR),
      },
      {
        clientId,
        scope: "consent.read",
        operation: "consent.check",
        status: 404,
        occurredAt: new Date(now - 30 * HOUR),
      },
    ]);
    const detail = await getApiClient(product, clientId);
    expect(detail.recentCalls.map((c) => [c.operation, c.status, c.subjects])).toEqual([
      ["consent.check", 200, 1],
      ["consent.check.bulk", 200, 40],
      ["consent.check", 404, 0],
    ]);
    expect(detail.callsLastDay).toEqual([
      { scope: "consent.read", calls: 1 },
      { scope: "consent.check.bulk", calls: 1 },
    ]);
    expect(JSON.stringify(detail)).not.toContain(customer.customerId);
    const listed = (await listApiClients(product)).find((c) => c.id === clientId);
    expect(listed!.lastCallAt!.getTime()).toBe(now - HOUR);
  });
});
