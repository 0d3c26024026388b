import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { rateLimitBuckets } from "@/db/schema";

export type RateLimit = { name: string; limit: number; windowSeconds: number };

/**
 * Counts one attempt against a fixed window in the database (so it holds across
 * processes) and says whether it is within the limit. One atomic upsert.
 */
export async function consumeRateLimit(db: Executor, rule: RateLimit, subject: string): Promise<boolean> {
  const key = `${rule.name}:${subject}`;
  const expired = sql`${rateLimitBuckets.windowStart} < now() - make_interval(secs => ${rule.windowSeconds})`;
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimitBuckets.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimitBuckets.windowStart} end`,
      },
    })
    .returning({ count: rateLimitBuckets.count });
  return (row?.count ?? Number.POSITIVE_INFINITY) <= rule.limit;
}
