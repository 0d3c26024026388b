import { EncryptJWT, jwtDecrypt } from "jose";
import { deriveKey } from "@/lib/security/derived-key";

// No `server-only` and no database here: the e2e suite builds links with it too.

/**
 * How long a one-click unsubscribe link works. Mail sits in inboxes for a long time and
 * RFC 8058 links must keep working; a year covers a yearly mail and bounds what a
 * leaked old mail can do (which is only ever to switch something off).
 */
export const UNSUBSCRIBE_LINK_LIFETIME_DAYS = 365;

const AUDIENCE = "tillit:unsubscribe";
const KEY_INFO = "tillit unsubscribe link v1";

export type UnsubscribeClaims = { customerId: string; purposeKey: string; issuedAt: Date };

/**
 * An opaque, unforgeable token naming one customer and one purpose: a JWE (dir,
 * A256GCM) under a key derived from AUTH_SECRET. The customer id is encrypted, and any
 * change to the token fails authentication, so a link for A/P never acts for B or Q.
 */
export async function createUnsubscribeToken(input: {
  customerId: string;
  purposeKey: string;
  secret: string;
  now?: Date;
}): Promise<string> {
  const now = input.now ?? new Date();
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new EncryptJWT({ pur: input.purposeKey })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setSubject(input.customerId)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + UNSUBSCRIBE_LINK_LIFETIME_DAYS * 24 * 60 * 60)
    .encrypt(deriveKey(input.secret, KEY_INFO));
}

/** The claims of a genuine, unexpired token; null for anything else (no reason given). */
export async function readUnsubscribeToken(
  token: string,
  options: { secret: string; now?: Date },
): Promise<UnsubscribeClaims | null> {
  if (token.length > 1024 || !/^[A-Za-z0-9_.-]+$/.test(token)) return null;
  // One spelling per token: base64url's unused trailing bits must be zero.
  if (token.split(".").some((part) => Buffer.from(part, "base64url").toString("base64url") !== part)) return null;
  try {
    const { payload } = await jwtDecrypt(token, deriveKey(options.secret, KEY_INFO), {
      audience: AUDIENCE,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
      currentDate: options.now,
      requiredClaims: ["sub", "iat", "exp"],
    });
    if (typeof payload.sub !== "string" || typeof payload.pur !== "string" || typeof payload.iat !== "number") {
      return null;
    }
    return { customerId: payload.sub, purposeKey: payload.pur, issuedAt: new Date(payload.iat * 1000) };
  } catch {
    return null;
  }
}
