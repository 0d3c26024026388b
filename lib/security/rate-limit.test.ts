import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rateLimitBuckets } from "@/db/schema";
import { consumeRateLimit, type RateLimit } from "./rate-limit";

const rule: RateLimit = { name: "test", limit: 3, windowSeconds: 60 };

async function attempts(subject: string, n: number) {
  const db = await getDb();
  const results: boolean[] = [];
  for (let i = 0; i < n; i++) results.push(await consumeRateLimit(db, rule, subject));
  return results;
}

describe("consumeRateLimit", () => {
  it("allows attempts up to the limit and refuses the ones after", async () => {
    expect(await attempts("alice", 5)).toEqual([true, true, true, false, false]);
    const db = await getDb();
    const [bucket] = await db.select().from(rateLimitBuckets).where(eq(rateLimitBuckets.key, "test:alice"));
    expect(bucket?.count).toBe(5);
  });

  it("counts each subject and each rule on its own", async () => {
    const db = await getDb();
    await attempts("bob", 3);
    expect(await consumeRateLimit(db, rule, "carol")).toBe(true);
    expect(await consumeRateLimit(db, { ...rule, name: "other" }, "bob")).toBe(true);
    expect(await consumeRateLimit(db, rule, "bob")).toBe(false);
  });

  it("starts a new window once the old one has passed", async () => {
    await attempts("dave", 4);
    const db = await getDb();
    await db
      .update(rateLimitBuckets)
      .set({ windowStart: new Date(Date.now() - 61_000) })
      .where(eq(rateLimitBuckets.key, "test:dave"));
    expect(await attempts("dave", 4)).toEqual([true, true, true, false]);
  });

  it("counts concurrent attempts exactly", async () => {
    const db = await getDb();
    const results = await Promise.all(Array.from({ length: 10 }, () => consumeRateLimit(db, rule, "erin")));
    expect(results.filter(Boolean)).toHaveLength(3);
    const [bucket] = await db.select().from(rateLimitBuckets).where(eq(rateLimitBuckets.key, "test:erin"));
    expect(bucket?.count).toBe(10);
  });
});
