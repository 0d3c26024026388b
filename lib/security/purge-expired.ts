import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { consumedTokens, rateLimitBuckets, sessions, signInEvents, verificationTokens } from "@/db/schema";

/** How long sign-ins are kept and shown to the customer (lib/sessions); older ones are purged here. */
export const SIGN_IN_HISTORY_DAYS = 90;

/**
 * Data minimisation for authentication leftovers: expired sessions, unused sign-in
 * tokens, rate-limit windows that ended more than a day ago, and sign-ins older than
 * the 90 days the customer is shown; one-time tokens spent and past their expiry (they
 * can no longer be replayed anyway).
 */
export async function purgeExpiredAuthData(
  db: Executor,
): Promise<{ sessions: number; tokens: number; buckets: number; signIns: number; consumedTokens: number }> {
  const now = new Date();
  const signInsBefore = new Date(now.getTime() - SIGN_IN_HISTORY_DAYS * 24 * 60 * 60 * 1000);
  const [s, t, b, e, c] = await Promise.all([
    db.delete(sessions).where(lt(sessions.expires, now)).returning({ id: sessions.sessionToken }),
    db
      .delete(verificationTokens)
      .where(lt(verificationTokens.expires, now))
      .returning({ id: verificationTokens.token }),
    db
      .delete(rateLimitBuckets)
      .where(lt(rateLimitBuckets.windowStart, sql`now() - interval '1 day'`))
      .returning({ id: rateLimitBuckets.key }),
    db.delete(signInEvents).where(lt(signInEvents.occurredAt, signInsBefore)).returning({ id: signInEvents.id }),
    db.delete(consumedTokens).where(lt(consumedTokens.expiresAt, now)).returning({ id: consumedTokens.tokenHash }),
  ]);
  return { sessions: s.length, tokens: t.length, buckets: b.length, signIns: e.length, consumedTokens: c.length };
}
