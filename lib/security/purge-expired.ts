import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { rateLimitBuckets, sessions, verificationTokens } from "@/db/schema";

/**
 * Data minimisation for authentication leftovers: expired sessions, unused sign-in
 * tokens and rate-limit windows that ended more than a day ago.
 */
export async function purgeExpiredAuthData(
  db: Executor,
): Promise<{ sessions: number; tokens: number; buckets: number }> {
  const now = new Date();
  const [s, t, b] = await Promise.all([
    db.delete(sessions).where(lt(sessions.expires, now)).returning({ id: sessions.sessionToken }),
    db
      .delete(verificationTokens)
      .where(lt(verificationTokens.expires, now))
      .returning({ id: verificationTokens.token }),
    db
      .delete(rateLimitBuckets)
      .where(lt(rateLimitBuckets.windowStart, sql`now() - interval '1 day'`))
      .returning({ id: rateLimitBuckets.key }),
  ]);
  return { sessions: s.length, tokens: t.length, buckets: b.length };
}
