import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { sessions, signInEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { givenCustomer, givenSession, givenStaff } from "@/lib/testing/factories";
import { listSessions } from "./list-sessions";
import { listSignIns } from "./list-sign-ins";
import { publicSessionId } from "./session-id";

const DAY = 86_400_000;
const iphone =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const android =
  "Mozilla/5.0 (Linux; Android 15; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

async function seen(token: string, userAgent: string | null, lastSeenAt: Date | null) {
  const db = await getDb();
  await db.update(sessions).set({ userAgent, lastSeenAt }).where(eq(sessions.sessionToken, token));
}

describe("listSessions", () => {
  it("lists the customer's live sessions, this device first, with browser and OS and no token", async () => {
    const kari = await givenCustomer("kari");
    const ola = await givenCustomer("ola");
    const current = await givenSession(kari.userId);
    const phone = await givenSession(kari.userId);
    const tablet = await givenSession(kari.userId);
    const expired = await givenSession(kari.userId, -1000);
    const olas = await givenSession(ola.userId);
    await seen(current, android, new Date(Date.now() - 2 * DAY));
    await seen(phone, iphone, new Date(Date.now() - DAY));
    await seen(tablet, null, null);

    const list = await listSessions(kari, { currentSessionToken: current });
    // Never seen since it was created (just now) counts as seen at creation.
    expect(list.map((s) => s.id)).toEqual([publicSessionId(current), publicSessionId(tablet), publicSessionId(phone)]);
    expect(list[0]).toEqual({
      id: publicSessionId(current),
      browser: "Chrome 131",
      os: "Android 15",
      createdAt: expect.any(Date),
      lastSeenAt: expect.any(Date),
      current: true,
    });
    expect(list[1]).toMatchObject({ browser: null, os: null, lastSeenAt: null, current: false });
    expect(list[2]).toMatchObject({ browser: "Mobile Safari 18", os: "iOS 18.1", current: false });
    const everything = JSON.stringify(list);
    for (const token of [current, phone, tablet, expired, olas]) expect(everything).not.toContain(token);
    expect(list.map((s) => s.id)).not.toContain(publicSessionId(expired));

    expect((await listSessions(ola, { currentSessionToken: olas })).map((s) => s.id)).toEqual([publicSessionId(olas)]);
    // Another customer's token marks nothing as this device.
    expect((await listSessions(ola, { currentSessionToken: current })).map((s) => s.current)).toEqual([false]);
  });

  it("refuses staff and anonymous callers", async () => {
    await expect(listSessions(await givenStaff("agent"), { currentSessionToken: null })).rejects.toEqual(
      new AppError("forbidden"),
    );
    await expect(listSessions(null, { currentSessionToken: null })).rejects.toEqual(new AppError("unauthenticated"));
  });
});

describe("listSignIns", () => {
  it("lists the customer's sign-ins of the last 90 days only, newest first", async () => {
    const db = await getDb();
    const kari = await givenCustomer("kari-sign-ins");
    const ola = await givenCustomer("ola-sign-ins");
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    await db.insert(signInEvents).values([
      { id: "kari-91", userId: kari.userId, occurredAt: ago(91), userAgent: android },
      { id: "kari-89", userId: kari.userId, occurredAt: ago(89), userAgent: android },
      { id: "kari-1", userId: kari.userId, occurredAt: ago(1), userAgent: iphone },
      { id: "kari-unknown", userId: kari.userId, occurredAt: ago(0.5), userAgent: null },
      { id: "ola-1", userId: ola.userId, occurredAt: ago(1), userAgent: iphone },
    ]);
    expect(await listSignIns(kari, now)).toEqual([
      { id: "kari-unknown", occurredAt: ago(0.5), browser: null, os: null },
      { id: "kari-1", occurredAt: ago(1), browser: "Mobile Safari 18", os: "iOS 18.1" },
      { id: "kari-89", occurredAt: ago(89), browser: "Chrome 131", os: "Android 15" },
    ]);
    expect((await listSignIns(ola, now)).map((e) => e.id)).toEqual(["ola-1"]);
    await expect(listSignIns(await givenStaff("product"))).rejects.toEqual(new AppError("forbidden"));
  });
});
