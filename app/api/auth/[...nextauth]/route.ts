import { handlers } from "@/lib/auth/auth";

// Only GET: the magic-link callback and session endpoints. Sign-in requests go through
// our own action (rate limits, same answer for unknown addresses) and sign-out through
// signOutAction, so Auth.js's POST endpoints are not exposed.
export const { GET } = handlers;
