import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { consumedTokens, rateLimitBuckets, sessions, signInEvents, verificationTokens } from "@/db/schema";
import { givenCustomer, givenSession } from "@/lib/testing/factories";
import { purgeExpiredAuthData } from "./purge-expired";

describe("purgeExpiredAuthData", () => {
  it("removes expired sessions, tokens, old rate-limit windows and sign-ins, and keeps live ones", async () => {
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
    const day = 86_400_000;
    await db.insert(signInEvents).values([
      { id: "sign-in-91-days-ago", userId: kari.userId, occurredAt: new Date(Date.now() - 91 * day) },
      { id: "sign-in-89-days-ago", userId: kari.userId, occurredAt: new Date(Date.now() - 89 * day) },
      { id: "sign-in-today", userId: kari.userId, occurredAt: new Date() },
    ]);

    await db.insert(consumedTokens).values([
      { tokenHash: "spent-and-expired", expiresAt: new Date(Date.now() - 1000) },
      { tokenHash: "spent-still-valid", expiresAt: new Date(Date.now() + 60_000) },
    ]);

    expect(await purgeExpiredAuthData(db)).toEqual({
      sessions: 1,
      tokens: 1,
      buckets: 1,
      signIns: 1,
      consumedTokens: 1,
    });

    const left = await db
      .select({ token: sessions.sessionToken })
      .from(sessions)
      .where(eq(sessions.userId, kari.userId));
    expect(left.map((s) => s.token)).toEqual([live]);
    expect(left.map((s) => s.token)).not.toContain(expired);
    expect((await db.select().from(verificationTokens)).map((t) => t.token)).toEqual(["new"]);
    expect((await db.select().from(rateLimitBuckets)).map((b) => b.key)).toEqual(["signin-email:new"]);
    expect((await db.select().from(signInEvents).orderBy(signInEvents.occurredAt)).map((e) => e.id)).toEqual([
      "sign-in-89-days-ago",
      "sign-in-today",
    ]);
    // A spent token must stay until it has expired, or it could be replayed.
    expect((await db.select().from(consumedTokens)).map((t) => t.tokenHash)).toEqual(["spent-still-valid"]);
  });
});
