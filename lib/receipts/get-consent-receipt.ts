import "server-only";
import { and, eq } from "drizzle-orm";
import { CompactSign } from "jose";
import { getDb } from "@/db";
import { consentEvents, purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { receiptController } from "./controller";
import { buildConsentReceipt, RECEIPT_TYP } from "./receipt-payload";
import { currentSigningKey, RECEIPT_ALG, registerSigningKey } from "./signing-key";

export type ConsentReceiptFile = { eventId: number; jws: string; filename: string };

/** An event id as it appears in a URL; anything else is treated like an id that does not exist. */
function parseEventId(value: string): number | null {
  if (!/^[1-9]\d{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * A signed consent receipt (JWS, compact) for one of the signed-in customer's own
 * consent events. Another customer's event, an unknown id and a malformed id are the
 * same not-found. The signing key's public half is registered before it signs.
 */
export async function getConsentReceipt(actor: Actor | null, eventId: string): Promise<ConsentReceiptFile> {
  const customer = assertCustomer(actor, "consent.read.own");
  const id = parseEventId(eventId);
  if (id === null) throw new AppError("not_found");
  const db = await getDb();
  const [row] = await db
    .select({ event: consentEvents, purpose: purposes })
    .from(consentEvents)
    .innerJoin(
      purposes,
      and(eq(purposes.key, consentEvents.purposeKey), eq(purposes.version, consentEvents.purposeVersion)),
    )
    .where(and(eq(consentEvents.id, id), customerScope(consentEvents, customer)))
    .limit(1);
  if (!row) throw new AppError("not_found");

  const key = await currentSigningKey();
  await registerSigningKey(db, key);
  const receipt = buildConsentReceipt({
    event: row.event,
    purpose: row.purpose,
    controller: receiptController(),
    policyUrl: `${appUrl()}/account/purposes`,
    issuedAt: new Date(),
  });
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(receipt)))
    .setProtectedHeader({ alg: RECEIPT_ALG, kid: key.kid, typ: RECEIPT_TYP })
    .sign(key.privateKey);
  return { eventId: id, jws, filename: `consent-receipt-${id}.jws` };
}
