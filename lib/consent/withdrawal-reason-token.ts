import "server-only";
import { randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { deriveKey } from "@/lib/security/derived-key";
import { ensureAuthSecret } from "@/lib/security/secret";

const AUDIENCE = "tillit:withdrawal-reason";
const KEY_INFO = "tillit withdrawal reason v1";
/** Long enough to answer at leisure, short enough that consumed tokens are soon purged. */
export const WITHDRAWAL_REASON_TOKEN_SECONDS = 60 * 60;

/**
 * A one-time ticket for one anonymous answer to "why did you switch this off?", handed
 * to the customer with the withdrawal. It names the purpose, not the customer: the
 * answer is stored without knowing who gave it, and the ticket (spent by the hash of
 * its nonce) allows exactly one answer per withdrawal.
 */
export async function issueWithdrawalReasonToken(purposeKey: string, now = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ pur: purposeKey })
    .setProtectedHeader({ alg: "HS256" })
    .setJti(randomBytes(16).toString("base64url"))
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + WITHDRAWAL_REASON_TOKEN_SECONDS)
    .sign(deriveKey(ensureAuthSecret(), KEY_INFO));
}

export async function readWithdrawalReasonToken(
  token: string,
  now = new Date(),
): Promise<{ nonce: string; purposeKey: string; expiresAt: Date } | null> {
  try {
    const { payload } = await jwtVerify(token, deriveKey(ensureAuthSecret(), KEY_INFO), {
      algorithms: ["HS256"],
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ["jti", "exp"],
    });
    if (typeof payload.pur !== "string" || typeof payload.jti !== "string" || typeof payload.exp !== "number") {
      return null;
    }
    return { nonce: payload.jti, purposeKey: payload.pur, expiresAt: new Date(payload.exp * 1000) };
  } catch {
    return null;
  }
}
