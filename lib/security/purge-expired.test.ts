import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rateLimitBuckets, sessions, verificationTokens } from "@/db/schema";
import { givenCustomer, givenSession } from "@/lib/testing/factories";
import { purgeExpiredAuthData } from "./purge-expired";

describe("purgeExpiredAuthData", () => {
  it("removes expired sessions, tokens and old rate-limit windows, and keeps live ones", async () => {
    const db = await getDb();
    const kari = await givenCustomer("kari");
    const live = await givenSession(kari.userId, 60_000);
    const expired = await givenSession(kari.userId, -60_000);
    await db.insert(verificationTokens).values([
      { identifier: kari.email, token: "old", expires: new Date(Date.now() - 1000) },
      { identifier: kari.email, token: "new", expires: new Date(Date.now() + 60_000) },
    ]);
    await db.insert(rateLimitBuckets).values([
      { key: "signin-email:old", windowStart: new Date(Date.now() - 2 * 86_400_000), count: 3 },
      { key: "signin-email:new", windowStart: new Date(), count: 1 },
    ]);

    expect(await purgeExpiredAuthData(db)).toEqual({ sessions: 1, tokens: 1, buckets: 1 });

    const left = await db
      .select({ token: sessions.sessionToken })
      .from(sessions)
      .where(eq(sessions.userId, kari.userId));
    expect(left.map((s) => s.token)).toEqual([live]);
    expect(left.map((s) => s.token)).not.toContain(expired);
    expect((await db.select().from(verificationTokens)).map((t) => t.token)).toEqual(["new"]);
    expect((await db.select().from(rateLimitBuckets)).map((b) => b.key)).toEqual(["signin-email:new"]);
  });
});
