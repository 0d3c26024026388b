import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { pseudonymise } from "@/lib/security/hash";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import type { Actor, CustomerActor } from "./actor";
import { issueSignInLink, SIGN_IN_LINK_MAX_AGE_SECONDS } from "./issue-sign-in-link";

// Export and erasure hand over or destroy everything: they need a sign-in (a magic link
// opened) within the last 10 minutes, not just a live session on a possibly shared device.
export const RECENT_SIGN_IN_SECONDS = 10 * 60;

export function hasRecentSignIn(actor: Actor, now: Date = new Date()): boolean {
  // An API client never signs in: it has no recent sign-in.
  if (!("signedInAt" in actor) || !actor.signedInAt) return false;
  const age = now.getTime() - actor.signedInAt.getTime();
  return age >= -60_000 && age <= RECENT_SIGN_IN_SECONDS * 1000;
}

/** Throws `forbidden` / `reauthRequired` unless the actor signed in within the last 10 minutes. */
export function assertRecentSignIn(actor: Actor): void {
  if (!hasRecentSignIn(actor)) throw new AppError("forbidden", { messageKey: "reauthRequired" });
}

/**
 * Mails the signed-in customer a fresh sign-in link that brings them back to `returnTo`
 * (a path under /account). Limited to 5 per 15 minutes per customer.
 */
export async function sendFreshSignInLink(
  actor: CustomerActor,
  options: { returnTo: string; locale: Locale },
): Promise<void> {
  const db = await getDb();
  const allowed = await consumeRateLimit(
    db,
    { name: "reauth", limit: 5, windowSeconds: 15 * 60 },
    pseudonymise("reauth", actor.customerId),
  );
  if (!allowed) throw new AppError("rate_limited");
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user) throw new AppError("unauthenticated");
  await issueSignInLink({ email: user.email, locale: options.locale, returnTo: options.returnTo });
}

export { SIGN_IN_LINK_MAX_AGE_SECONDS };
