import "server-only";
import { and, eq } from "drizzle-orm";
import { base64url, compactVerify, decodeProtectedHeader, importJWK } from "jose";
import { getDb } from "@/db";
import { purposes, receiptSigningKeys } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { consentReceiptSchema, legalBasisOfArticle, RECEIPT_TYP, type ConsentReceipt } from "./receipt-payload";
import { RECEIPT_ALG } from "./signing-key";

import { MAX_RECEIPT_BYTES } from "./receipt-limits";
import type { ReceiptDescription, ReceiptInvalidReason } from "./verify-schema";

export { MAX_RECEIPT_BYTES } from "./receipt-limits";
export type ReceiptVerification =
  | { valid: true; kid: string; receipt: ConsentReceipt; described: ReceiptDescription }
  | { valid: false; reason: ReceiptInvalidReason };

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const invalid = (reason: ReceiptInvalidReason): ReceiptVerification => ({ valid: false, reason });

function header(jws: string) {
  try {
    return decodeProtectedHeader(jws);
  } catch {
    return null;
  }
}

/** Only the one encoding of the signature: a base64url string with other trailing bits is not it. */
function canonicalSignature(signature: string): boolean {
  try {
    return base64url.encode(base64url.decode(signature)) === signature;
  } catch {
    return false;
  }
}

/**
 * Whether a pasted or uploaded consent receipt was signed by one of the keys that ever
 * signed receipts here (receipt_signing_keys), and what it says. Public: anyone holding a
 * receipt may check it; nothing about a customer is read.
 */
export async function verifyConsentReceipt(input: string): Promise<ReceiptVerification> {
  if (Buffer.byteLength(input, "utf8") > MAX_RECEIPT_BYTES) throw new AppError("invalid", { messageKey: "tooLarge" });
  const jws = input.trim();
  if (!compactJws.test(jws)) return invalid("not_receipt");
  const protectedHeader = header(jws);
  if (
    !protectedHeader ||
    protectedHeader.typ !== RECEIPT_TYP ||
    protectedHeader.alg !== RECEIPT_ALG ||
    typeof protectedHeader.kid !== "string" ||
    !/^[A-Za-z0-9_-]{1,128}$/.test(protectedHeader.kid)
  ) {
    return invalid("not_receipt");
  }
  const db = await getDb();
  const [stored] = await db
    .select({ publicJwk: receiptSigningKeys.publicJwk })
    .from(receiptSigningKeys)
    .where(eq(receiptSigningKeys.kid, protectedHeader.kid))
    .limit(1);
  if (!stored) return invalid("unknown_key");

  if (!canonicalSignature(jws.slice(jws.lastIndexOf(".") + 1))) return invalid("bad_signature");
  let payload: Uint8Array;
  try {
    const key = await importJWK(stored.publicJwk, RECEIPT_ALG);
    ({ payload } = await compactVerify(jws, key, { algorithms: [RECEIPT_ALG] }));
  } catch {
    return invalid("bad_signature");
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
  } catch {
    return invalid("not_receipt");
  }
  const receipt = consentReceiptSchema.safeParse(json);
  if (!receipt.success) return invalid("not_receipt");
  return { valid: true, kid: protectedHeader.kid, receipt: receipt.data, described: await describe(receipt.data) };
}

/**
 * What a reader needs to read the receipt in their own language: the purpose's name in
 * each language (the receipt holds it only in the language it was shown in) and the
 * legal basis its article names. Purpose texts are published, not personal data.
 */
async function describe(receipt: ConsentReceipt): Promise<ReceiptDescription> {
  const purpose = receipt.services[0]!.purposes[0]!;
  const db = await getDb();
  const [version] = await db
    .select({ texts: purposes.texts })
    .from(purposes)
    .where(and(eq(purposes.key, purpose.purpose), eq(purposes.version, purpose.purposeVersion)))
    .limit(1);
  return {
    purposeNames: version ? { nb: version.texts.nb.name, en: version.texts.en.name } : null,
    legalBasis: legalBasisOfArticle(purpose.legalBasis),
  };
}
