import "server-only";
import { createHmac } from "node:crypto";
import { ensureAuthSecret } from "./secret";

/** A keyed, irreversible stand-in for an identifier (email, IP) that must not be stored. */
export function pseudonymise(purpose: string, value: string): string {
  return createHmac("sha256", ensureAuthSecret()).update(`${purpose}\0${value}`).digest("base64url").slice(0, 32);
}
