import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { apiClients, apiClientTokens, customers, type ApiScope } from "@/db/schema";
import { newApiToken } from "./api-token";

/** An API client with the given scopes and one token (test set-up only: the studio's use case audits and checks). */
export async function givenApiClient(scopes: ApiScope[], name = "Test system") {
  const db = await getDb();
  const [client] = await db.insert(apiClients).values({ name, scopes, createdBy: "test" }).returning();
  const { token, tokenHash, hint } = newApiToken();
  await db.insert(apiClientTokens).values({ clientId: client!.id, tokenHash, hint });
  return {
    clientId: client!.id,
    name,
    token,
    actor: { kind: "api_client" as const, clientId: client!.id, name, scopes, tokenHash },
  };
}

/** The references another system would use for this customer. */
export async function referencesOf(customerId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ number: customers.customerNumber, pseudonym: customers.pseudonymousId })
    .from(customers)
    .where(eq(customers.id, customerId));
  return { number: String(row!.number), pseudonym: row!.pseudonym };
}
