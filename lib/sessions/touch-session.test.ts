import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { sessions, signInEvents } from "@/db/schema";
import { givenCustomer, givenSession } from "@/lib/testing/factories";
import { LAST_SEEN_INTERVAL_MS, touchSession, USER_AGENT_MAX_LENGTH } from "./touch-session";

const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

async function sessionRow(token: string) {
  const db = await getDb();
  const [row] = await db.select().from(sessions).where(eq(sessions.sessionToken, token));
  return row!;
}

async function signInsOf(userId: string) {
  const db = await getDb();
  return db.select().from(signInEvents).where(eq(signInEvents.userId, userId));
}

/** What currentActor read before touching: the row as it is now. */
async function touch(token: string, userAgent: string | null, now: Date) {
  const row = await sessionRow(token);
  await touchSession({ session: { ...row, sessionToken: token }, userAgent, now });
}

describe("touchSession", () => {
  it("records the user agent and one sign-in on the first request, and never again", async () => {
    const kari = await givenCustomer("kari");
    const token = await givenSession(kari.userId);
    const first = new Date();
    await touch(token, firefox, first);
    expect(await sessionRow(token)).toMatchObject({ userAgent: firefox, lastSeenAt: first });
    expect(await signInsOf(kari.userId)).toEqual([
      { id: expect.any(String), userId: kari.userId, occurredAt: first, userAgent: firefox },
    ]);

    await touch(token, "Another/1.0", new Date(first.getTime() + 1000));
    expect((await sessionRow(token)).userAgent).toBe(firefox);
    expect(await signInsOf(kari.userId)).toHaveLength(1);
  });

  it("records one sign-in when requests of a new session race, even if each read the row before the other wrote", async () => {
    const kari = await givenCustomer("race");
    const token = await givenSession(kari.userId);
    const stale = await sessionRow(token);
    const now = new Date();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        touchSession({ session: { ...stale, sessionToken: token }, userAgent: firefox, now }),
      ),
    );
    expect(await signInsOf(kari.userId)).toHaveLength(1);
  });

  it("truncates a long user agent and claims a session whose browser sent none", async () => {
    const kari = await givenCustomer("long");
    const long = await givenSession(kari.userId);
    await touch(long, "x".repeat(2000), new Date());
    expect((await sessionRow(long)).userAgent).toHaveLength(USER_AGENT_MAX_LENGTH);

    const none = await givenSession(kari.userId);
    await touch(none, null, new Date());
    await touch(none, null, new Date());
    expect((await sessionRow(none)).userAgent).toBe("");
    expect((await signInsOf(kari.userId)).map((e) => e.userAgent).sort()).toEqual(["x".repeat(512), null].sort());
  });

  it("updates last seen at most once per five minutes", async () => {
    const kari = await givenCustomer("seen");
    const token = await givenSession(kari.userId);
    const start = new Date(Date.now() - 60 * 60 * 1000);
    await touch(token, firefox, start);

    await touch(token, firefox, new Date(start.getTime() + LAST_SEEN_INTERVAL_MS - 1000));
    expect((await sessionRow(token)).lastSeenAt).toEqual(start);

    const later = new Date(start.getTime() + LAST_SEEN_INTERVAL_MS + 1000);
    await touch(token, firefox, later);
    expect((await sessionRow(token)).lastSeenAt).toEqual(later);

    // A request that read the row before that update does not write again.
    await touchSession({
      session: { sessionToken: token, userId: kari.userId, userAgent: firefox, lastSeenAt: start },
      userAgent: firefox,
      now: new Date(later.getTime() + 1000),
    });
    expect((await sessionRow(token)).lastSeenAt).toEqual(later);
    expect(await signInsOf(kari.userId)).toHaveLength(1);
  });
});
