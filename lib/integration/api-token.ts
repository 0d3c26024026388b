import { createHash, randomBytes } from "node:crypto";

// A client's bearer token: a recognisable prefix (secret scanners look for it) and 256
// random bits. Only its SHA-256 is stored; the token is shown once.
const TOKEN_PREFIX = "tillit_";
const TOKEN_PATTERN = /^tillit_[A-Za-z0-9_-]{43}$/;

export function newApiToken(): { token: string; tokenHash: string; hint: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, tokenHash: hashApiToken(token), hint: token.slice(-4) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether a string can be a token at all (checked before any database read). */
export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
