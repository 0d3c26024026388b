import "server-only";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { apiClients, apiClientTokens } from "@/db/schema";
import type { ApiClientActor } from "@/lib/auth/actor";
import { hashApiToken, looksLikeApiToken } from "./api-token";

/**
 * The API client behind an `Authorization: Bearer …` header, or null: no header, not a
 * token, unknown, past its rotation overlap, or the client revoked. Read on every call (no
 * cache), so a revocation or a lapsed token is refused from the next request on.
 */
export async function authenticateApiClient(
  db: Executor,
  authorization: string | null,
): Promise<ApiClientActor | null> {
  const match = /^Bearer ([^\s]+)$/.exec(authorization?.trim() ?? "");
  const token = match?.[1];
  if (!token || !looksLikeApiToken(token)) return null;
  const [row] = await db
    .select({ clientId: apiClients.id, name: apiClients.name, scopes: apiClients.scopes })
    .from(apiClientTokens)
    .innerJoin(apiClients, eq(apiClients.id, apiClientTokens.clientId))
    .where(
      and(
        eq(apiClientTokens.tokenHash, hashApiToken(token)),
        isNull(apiClients.revokedAt),
        or(isNull(apiClientTokens.expiresAt), gt(apiClientTokens.expiresAt, sql`now()`)),
      ),
    )
    .limit(1);
  return row ? { kind: "api_client", clientId: row.clientId, name: row.name, scopes: row.scopes } : null;
}
