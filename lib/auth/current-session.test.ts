import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { sessions } from "@/db/schema";
import { givenCustomer, givenSession, givenStaff } from "@/lib/testing/factories";
import { actorForSessionToken, STAFF_SESSION_IDLE_MS, STAFF_SESSION_MAX_MS } from "./current-session";

const HOUR = 60 * 60 * 1000;

/** Backdates a session: signed in `signedInAgo` ms ago, last seen `seenAgo` ms ago (null: never). */
async function age(token: string, signedInAgo: number, seenAgo: number | null) {
  const db = await getDb();
  const now = Date.now();
  await db
    .update(sessions)
    .set({ createdAt: new Date(now - signedInAgo), lastSeenAt: seenAgo === null ? null : new Date(now - seenAgo) })
    .where(eq(sessions.sessionToken, token));
}

async function sessionExists(token: string) {
  const db = await getDb();
  return (await db.select().from(sessions).where(eq(sessions.sessionToken, token))).length === 1;
}

describe("actorForSessionToken", () => {
  it("maps a customer's live session to the customer", async () => {
    const kari = await givenCustomer("kari");
    expect(await actorForSessionToken(await givenSession(kari.userId))).toEqual({
      kind: "customer",
      userId: kari.userId,
      customerId: kari.customerId,
      // When the session was created: export and erasure need a sign-in from the last 10 minutes.
      signedInAt: expect.any(Date),
    });
  });

  it.each(["agent", "product"] as const)("maps an %s's session to staff with that role", async (role) => {
    const staff = await givenStaff(role);
    expect(await actorForSessionToken(await givenSession(staff.userId))).toEqual({
      kind: "staff",
      userId: staff.userId,
      role,
      signedInAt: expect.any(Date),
    });
  });

  it("refuses an expired session", async () => {
    const kari = await givenCustomer("expired");
    expect(await actorForSessionToken(await givenSession(kari.userId, -1000))).toBeNull();
  });

  it("refuses an unknown token", async () => {
    expect(await actorForSessionToken("no-such-session")).toBeNull();
  });

  describe("staff sessions end after 8 hours idle and 12 hours in all", () => {
    it.each(["agent", "product"] as const)(
      "an %s's session 11 hours old, seen 7 hours ago, still works",
      async (role) => {
        const staff = await givenStaff(role);
        const token = await givenSession(staff.userId);
        await age(token, 11 * HOUR, 7 * HOUR);
        expect(await actorForSessionToken(token)).toMatchObject({ kind: "staff", role });
      },
    );

    it("an agent's session idle for over 8 hours has ended, and its row is gone", async () => {
      const agent = await givenStaff("agent");
      const token = await givenSession(agent.userId);
      await age(token, 9 * HOUR, STAFF_SESSION_IDLE_MS + 60_000);
      expect(await actorForSessionToken(token)).toBeNull();
      expect(await sessionExists(token)).toBe(false);
    });

    it("an agent's session older than 12 hours has ended, however recently it was used", async () => {
      const agent = await givenStaff("agent");
      const token = await givenSession(agent.userId);
      await age(token, STAFF_SESSION_MAX_MS + 60_000, 60_000);
      expect(await actorForSessionToken(token)).toBeNull();
    });

    it("a session never seen since sign-in counts as idle from the sign-in", async () => {
      const product = await givenStaff("product");
      const token = await givenSession(product.userId);
      await age(token, 9 * HOUR, null);
      expect(await actorForSessionToken(token)).toBeNull();
    });

    it("a customer's session is not bound by the staff limits", async () => {
      const kari = await givenCustomer("long-session");
      const token = await givenSession(kari.userId);
      await age(token, 20 * HOUR, 10 * HOUR);
      expect(await actorForSessionToken(token)).toMatchObject({ kind: "customer" });
    });
  });
});
