import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { getDb } from "@/db";
import { users, verificationTokens } from "@/db/schema";
import { appUrl } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { sendSignInLink } from "@/lib/mail/send-sign-in-link";
import { homePathForRole, ownAreaPath } from "./areas";
import { ensureAuthSecret } from "@/lib/security/secret";
import { SIGN_IN_CONTINUE_PATH } from "./sign-in-link";

export const SIGN_IN_LINK_MAX_AGE_SECONDS = 10 * 60;

/**
 * The stored form of a sign-in token, exactly as Auth.js's email callback looks it up
 * (sha256 of token + secret), so the link is verified and consumed by Auth.js itself.
 * lib/auth/magic-link.test.ts fails if Auth.js ever changes the scheme.
 */
export function hashSignInToken(token: string): string {
  return createHash("sha256").update(`${token}${ensureAuthSecret()}`).digest("hex");
}

/**
 * Whose unspent, unexpired sign-in link this token is (the address it was mailed to), or
 * null. Only reads: opening the continue page must not spend or change anything.
 */
export async function signInLinkOwner(token: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db
    .select({ email: verificationTokens.identifier })
    .from(verificationTokens)
    .where(and(eq(verificationTokens.token, hashSignInToken(token)), gt(verificationTokens.expires, new Date())))
    .limit(1);
  return row?.email ?? null;
}

/**
 * Mails a single-use, 10-minute sign-in link to a known customer or staff member,
 * replacing any earlier unused link; does nothing for an unknown address. Runs after
 * the response (see requestSignInLink), so its cost tells the visitor nothing.
 */
export async function issueSignInLink(options: { email: string; locale: Locale; returnTo?: string }): Promise<void> {
  const db = await getDb();
  const [known] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.email, options.email))
    .limit(1);
  if (!known) return;
  const token = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + SIGN_IN_LINK_MAX_AGE_SECONDS * 1000);
  await db.transaction(async (tx) => {
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, options.email));
    await tx.insert(verificationTokens).values({ identifier: options.email, token: hashSignInToken(token), expires });
  });
  const base = appUrl();
  // Only a path inside the person's own area: never an open redirect, and staff land on
  // their own home instead of a customer page they may not open.
  const returnTo = ownAreaPath(known.role, options.returnTo) ?? homePathForRole(known.role);
  // No email address in the link: the continue page finds it from the token.
  const params = new URLSearchParams({ callbackUrl: `${base}${returnTo}`, token });
  await sendSignInLink({
    to: options.email,
    // Our page with a "Continue" button, not the Auth.js callback: mail scanners open every
    // link in a mail, and opening this one must not spend it.
    url: `${base}${SIGN_IN_CONTINUE_PATH}?${params}`,
    expires,
    locale: options.locale,
  });
}
