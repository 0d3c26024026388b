import { createHash } from "node:crypto";

/**
 * The id a session is known by outside the server. The token itself is the credential
 * (it is the cookie), so pages and forms carry this one-way digest instead.
 */
export function publicSessionId(sessionToken: string): string {
  return createHash("sha256").update(sessionToken).digest("hex").slice(0, 32);
}
