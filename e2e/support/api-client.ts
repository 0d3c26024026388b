import { sql } from "drizzle-orm";
import { newApiToken } from "../../lib/integration/api-token";
import type { E2eDatabase } from "./database";

/** An API client with one token, written straight to the app's database (for specs not about the studio). */
export async function givenApiClient(db: E2eDatabase, scopes: string[], name = "E2E system") {
  const { token, tokenHash, hint } = newApiToken();
  const id = crypto.randomUUID();
  await db.execute(sql`
    insert into api_clients (id, name, scopes, created_by) values (${id}, ${name}, ${`{${scopes.join(",")}}`}::text[], 'e2e')`);
  await db.execute(sql`insert into api_client_tokens (client_id, token_hash, hint) values (${id}, ${tokenHash}, ${hint})`);
  return { clientId: id, token };
}

/** GET of a /api/v1 address with the token; the status and the JSON body. */
export async function apiGet(baseURL: string, token: string, path: string) {
  const response = await fetch(`${baseURL}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
