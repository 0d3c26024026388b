import "server-only";
import { asc } from "drizzle-orm";
import { getDb } from "@/db";
import { receiptSigningKeys } from "@/db/schema";

/** Every public key that has signed receipts here, oldest first: the JWKS anyone may fetch. */
export async function listReceiptPublicKeys(): Promise<{ keys: Record<string, string>[] }> {
  const db = await getDb();
  const rows = await db
    .select({ publicJwk: receiptSigningKeys.publicJwk })
    .from(receiptSigningKeys)
    .orderBy(asc(receiptSigningKeys.createdAt), asc(receiptSigningKeys.kid));
  return { keys: rows.map((r) => r.publicJwk) };
}
