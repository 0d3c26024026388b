import "server-only";
import { and, eq, gt, isNull, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { prebuiltStatement } from "@/db/prebuilt-statement";
import { apiClients, apiClientTokens, type ApiScope } from "@/db/schema";
import type { ApiClientActor } from "@/lib/auth/actor";
import { hashApiToken, looksLikeApiToken } from "./api-token";

/** A token that works now: known, within its rotation overlap, its client not revoked. */
function tokenInForce(tokenHash: string | Placeholder): SQL {
  return and(
    eq(apiClientTokens.tokenHash, tokenHash),
    isNull(apiClients.revokedAt),
    or(isNull(apiClientTokens.expiresAt), gt(apiClientTokens.expiresAt, sql`now()`)),
  )!;
}

// Read on calls of every client: its text is rendered once.
const readClient = prebuiltStatement<{ client_id: string; name: string; scopes: ApiScope[] }>(
  () => sql`
    select ${apiClients.id} as client_id, ${apiClients.name} as name, ${apiClients.scopes} as scopes
    from ${apiClientTokens} inner join ${apiClients} on ${eq(apiClients.id, apiClientTokens.clientId)}
    where ${tokenInForce(sql.placeholder("tokenHash"))}
    limit 1`,
);

/** The hash of the token in an `Authorization: Bearer …` header, or null: none, or not a token. */
export function bearerTokenHash(authorization: string | null): string | null {
  // The scheme's name is case-insensitive (RFC 9110 §11.1).
  const match = /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? "");
  const token = match?.[1];
  return token && looksLikeApiToken(token) ? hashApiToken(token) : null;
}

/**
 * The API client behind a token's hash, read now, or null: unknown, past its rotation
 * overlap, or the client revoked. A revocation or a lapsed token is refused from the next
 * request on.
 */
export async function authenticateApiClient(db: Executor, tokenHash: string | null): Promise<ApiClientActor | null> {
  if (tokenHash === null) return null;
  const [row] = await readClient(db, { tokenHash });
  const client: ApiClientActor | null = row
    ? { kind: "api_client", clientId: row.client_id, name: row.name, scopes: row.scopes, tokenHash }
    : null;
  remember(tokenHash, client);
  return client;
}

// The clients of tokens that authenticated in this process, for the operations whose use
// case proves the token in the statement of its reads (apiClientInForce): the decision API
// then runs one statement per call instead of two. Never trusted alone: a revoked client, a
// lapsed token or a withdrawn scope fails the proof, and the route authenticates afresh.
// (Such a token's one call before it is forgotten counts against the client's rate limit.)
// Kept on globalThis: the API's own port loads these modules in a bundle of its own.
const MAX_REMEMBERED = 1_000;
const holder = globalThis as typeof globalThis & { __tillitApiClients?: Map<string, ApiClientActor> };
function remembered(): Map<string, ApiClientActor> {
  holder.__tillitApiClients ??= new Map();
  return holder.__tillitApiClients;
}

function remember(tokenHash: string, client: ApiClientActor | null): void {
  const clients = remembered();
  if (!client) {
    clients.delete(tokenHash);
    return;
  }
  // A bound, not an eviction policy: there are a handful of clients, each with a token or two.
  if (clients.size >= MAX_REMEMBERED && !clients.has(tokenHash)) clients.clear();
  clients.set(tokenHash, client);
}

/** The client this token authenticated as before in this process, unproven: see apiClientInForce. */
export function rememberedApiClient(tokenHash: string | null): ApiClientActor | null {
  return tokenHash === null ? null : (remembered().get(tokenHash) ?? null);
}

/**
 * A subquery for a use case's statement: the client's current name, one row while its token
 * still works and the client holds `scope`, none otherwise. Without it the statement reads
 * no customer and writes nothing, and its caller throws `unauthenticated`.
 */
export function apiClientInForce(
  client: { clientId: string | Placeholder; tokenHash: string | Placeholder },
  scope: ApiScope,
): SQL {
  return sql`
    select ${apiClients.name} as name
    from ${apiClientTokens} inner join ${apiClients} on ${eq(apiClients.id, apiClientTokens.clientId)}
    where ${tokenInForce(client.tokenHash)} and ${eq(apiClients.id, client.clientId)}
      and ${scope} = any(${apiClients.scopes})`;
}
