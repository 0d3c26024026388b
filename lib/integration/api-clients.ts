import "server-only";
import { and, desc, eq, gt, isNull, max, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Tx } from "@/db";
import { apiCalls, apiClients, apiClientTokens, type ApiScope } from "@/db/schema";
import { fieldErrorKeys } from "@/lib/actions/form-data";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { appendAuditEntry, type AuditActor } from "@/lib/audit/append-audit-entry";
import { AppError } from "@/lib/errors";
import {
  apiClientId,
  createApiClientSchema,
  revokeApiClientSchema,
  rotateApiClientTokenSchema,
  type CreateApiClientInput,
  type RevokeApiClientInput,
  type RotateApiClientTokenInput,
} from "./api-client-schema";
import { newApiToken } from "./api-token";
import { isOperator, type OperatorActor } from "./operator";

// API clients: the systems that call /api/v1. Created, rotated and revoked by the product
// team (integrations.manage) or the operator's CLI; each change is audited in its own
// transaction, never with a token or its hash. A token is returned once and only its
// SHA-256 is stored.

export type ApiClientManager = Actor | OperatorActor | null;

const RECENT_CALLS = 50;
const HOUR_MS = 60 * 60 * 1000;

/** Who is acting, for the audit log and `created_by`. */
function managerOf(actor: ApiClientManager): { audit: AuditActor; createdBy: string } {
  if (isOperator(actor)) return { audit: { kind: "system", name: "cli" }, createdBy: "cli" };
  const staff = assertStaff(actor as Actor | null, "integrations.manage");
  return { audit: staff, createdBy: staff.userId };
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", { fieldErrors: fieldErrorKeys(parsed.error) });
  return parsed.data;
}

/** Creates a client with its first token; the token is in the answer and nowhere else. */
export async function createApiClient(
  actor: ApiClientManager,
  input: CreateApiClientInput,
): Promise<{ clientId: string; token: string }> {
  const manager = managerOf(actor);
  const { name, scopes, country } = parse(createApiClientSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One writer at a time decides whether a name is free.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('tillit:api_client_names', 0))`);
    const [taken] = await tx
      .select({ id: apiClients.id })
      .from(apiClients)
      .where(and(isNull(apiClients.revokedAt), sql`lower(${apiClients.name}) = lower(${name})`))
      .limit(1);
    if (taken) throw new AppError("invalid", { fieldErrors: { name: "nameTaken" } });
    const [client] = await tx
      .insert(apiClients)
      .values({ name, scopes, country, createdBy: manager.createdBy })
      .returning({ id: apiClients.id });
    const { token, tokenHash, hint } = newApiToken();
    await tx.insert(apiClientTokens).values({ clientId: client!.id, tokenHash, hint });
    await appendAuditEntry(tx, manager.audit, {
      action: "api_client.created",
      target: { type: "api_client", id: client!.id },
      after: { name, scopes, country, activeTokens: 1 },
    });
    return { clientId: client!.id, token };
  });
}

async function lockClient(tx: Tx, clientId: string) {
  const [client] = await tx
    .select({ id: apiClients.id, name: apiClients.name, revokedAt: apiClients.revokedAt })
    .from(apiClients)
    .where(eq(apiClients.id, clientId))
    .for("update");
  if (!client) throw new AppError("not_found", { messageKey: "clientNotFound" });
  return client;
}

const activeAt = (at: Date) => or(isNull(apiClientTokens.expiresAt), gt(apiClientTokens.expiresAt, at));

/**
 * Adds a new token and gives every token still in use an end `overlapHours` from now
 * (0: at once; one that already ends sooner keeps its end), so systems can switch over.
 */
export async function rotateApiClientToken(
  actor: ApiClientManager,
  input: RotateApiClientTokenInput,
): Promise<{ token: string; oldTokensEndAt: Date }> {
  const manager = managerOf(actor);
  const { clientId, overlapHours } = parse(rotateApiClientTokenSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const client = await lockClient(tx, clientId);
    if (client.revokedAt) throw new AppError("conflict", { messageKey: "clientRevoked" });
    const now = new Date();
    const endAt = new Date(now.getTime() + overlapHours * HOUR_MS);
    const end = endAt.toISOString();
    const ending = await tx
      .update(apiClientTokens)
      .set({ expiresAt: sql`least(coalesce(${apiClientTokens.expiresAt}, ${end}::timestamptz), ${end}::timestamptz)` })
      .where(and(eq(apiClientTokens.clientId, clientId), activeAt(now)))
      .returning({ id: apiClientTokens.id });
    const { token, tokenHash, hint } = newApiToken();
    await tx.insert(apiClientTokens).values({ clientId, tokenHash, hint, createdAt: now });
    await appendAuditEntry(tx, manager.audit, {
      action: "api_client.token_rotated",
      target: { type: "api_client", id: clientId },
      before: { activeTokens: ending.length },
      after: { newTokens: 1, overlapHours, oldTokensEndAt: endAt.toISOString() },
    });
    return { token, oldTokensEndAt: endAt };
  });
}

/** Revokes a client at once: it is refused from the next call on, and its tokens end now. */
export async function revokeApiClient(
  actor: ApiClientManager,
  input: RevokeApiClientInput,
): Promise<{ clientId: string; revokedAt: Date }> {
  const manager = managerOf(actor);
  const { clientId } = parse(revokeApiClientSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const client = await lockClient(tx, clientId);
    if (client.revokedAt) throw new AppError("conflict", { messageKey: "clientRevoked" });
    const revokedAt = new Date();
    await tx.update(apiClients).set({ revokedAt }).where(eq(apiClients.id, clientId));
    await tx
      .update(apiClientTokens)
      .set({ expiresAt: revokedAt })
      .where(and(eq(apiClientTokens.clientId, clientId), activeAt(revokedAt)));
    await appendAuditEntry(tx, manager.audit, {
      action: "api_client.revoked",
      target: { type: "api_client", id: clientId },
      before: { revokedAt: null },
      after: { revokedAt: revokedAt.toISOString() },
    });
    return { clientId, revokedAt };
  });
}

export type ApiClientSummary = {
  id: string;
  name: string;
  scopes: ApiScope[];
  country: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastCallAt: Date | null;
};

export type ApiClientTokenDto = { hint: string; createdAt: Date; expiresAt: Date | null; active: boolean };
/** A call as the studio shows it: never who it was about, only how many. */
export type ApiCallDto = { occurredAt: Date; scope: ApiScope; operation: string; status: number; subjects: number };

export type ApiClientDetail = ApiClientSummary & {
  tokens: ApiClientTokenDto[];
  recentCalls: ApiCallDto[];
  /** Calls in the last 24 hours, per scope the client holds (0 included). */
  callsLastDay: { scope: ApiScope; calls: number }[];
};

/** Every client, active first, then by name. */
export async function listApiClients(actor: ApiClientManager): Promise<ApiClientSummary[]> {
  managerOf(actor);
  const db = await getDb();
  const lastCalls = db
    .select({ clientId: apiCalls.clientId, lastCallAt: max(apiCalls.occurredAt).as("last_call_at") })
    .from(apiCalls)
    .groupBy(apiCalls.clientId)
    .as("last_calls");
  const rows = await db
    .select({
      id: apiClients.id,
      name: apiClients.name,
      scopes: apiClients.scopes,
      country: apiClients.country,
      createdAt: apiClients.createdAt,
      revokedAt: apiClients.revokedAt,
      lastCallAt: lastCalls.lastCallAt,
    })
    .from(apiClients)
    .leftJoin(lastCalls, eq(lastCalls.clientId, apiClients.id))
    .orderBy(sql`${apiClients.revokedAt} is not null`, apiClients.name, apiClients.id);
  return rows.map((row) => ({ ...row, lastCallAt: row.lastCallAt ? new Date(row.lastCallAt) : null }));
}

/** One client with its tokens (hints only) and its recent calls; unknown → not-found. */
export async function getApiClient(actor: ApiClientManager, clientId: string): Promise<ApiClientDetail> {
  managerOf(actor);
  const id = apiClientId.safeParse(clientId);
  if (!id.success) throw new AppError("not_found", { messageKey: "clientNotFound" });
  const db = await getDb();
  const [client] = await db
    .select({
      id: apiClients.id,
      name: apiClients.name,
      scopes: apiClients.scopes,
      country: apiClients.country,
      createdAt: apiClients.createdAt,
      revokedAt: apiClients.revokedAt,
    })
    .from(apiClients)
    .where(eq(apiClients.id, id.data));
  if (!client) throw new AppError("not_found", { messageKey: "clientNotFound" });
  const now = new Date();
  const dayAgo = new Date(now.getTime() - 24 * HOUR_MS);
  const [tokens, recentCalls, perScope] = await Promise.all([
    db
      .select({
        hint: apiClientTokens.hint,
        createdAt: apiClientTokens.createdAt,
        expiresAt: apiClientTokens.expiresAt,
      })
      .from(apiClientTokens)
      .where(eq(apiClientTokens.clientId, client.id))
      .orderBy(desc(apiClientTokens.createdAt), desc(apiClientTokens.id)),
    db
      .select({
        occurredAt: apiCalls.occurredAt,
        scope: apiCalls.scope,
        operation: apiCalls.operation,
        status: apiCalls.status,
        subjects:
          sql<number>`greatest(${apiCalls.subjects}, case when ${apiCalls.customerId} is null then 0 else 1 end)`.mapWith(
            Number,
          ),
      })
      .from(apiCalls)
      .where(eq(apiCalls.clientId, client.id))
      .orderBy(desc(apiCalls.occurredAt), desc(apiCalls.id))
      .limit(RECENT_CALLS),
    db
      .select({ scope: apiCalls.scope, calls: sql<number>`count(*)`.mapWith(Number) })
      .from(apiCalls)
      .where(and(eq(apiCalls.clientId, client.id), gt(apiCalls.occurredAt, dayAgo)))
      .groupBy(apiCalls.scope),
  ]);
  const counted = new Map(perScope.map((row) => [row.scope, row.calls]));
  const scopesShown = [...client.scopes, ...perScope.map((row) => row.scope).filter((s) => !client.scopes.includes(s))];
  return {
    ...client,
    lastCallAt: recentCalls[0]?.occurredAt ?? null,
    tokens: tokens.map((token) => ({
      ...token,
      active: !client.revokedAt && (token.expiresAt === null || token.expiresAt > now),
    })),
    recentCalls,
    callsLastDay: scopesShown.map((scope) => ({ scope, calls: counted.get(scope) ?? 0 })),
  };
}
