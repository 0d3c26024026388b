import { hkdfSync } from "node:crypto";

/**
 * A 256-bit key for one use, derived from AUTH_SECRET with HKDF-SHA256. Each use has its
 * own `info`, so a token made for one use never verifies or decrypts as another (nor as
 * an Auth.js token, which derives its own keys from the same secret).
 */
export function deriveKey(secret: string, info: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "tillit", info, 32));
}
