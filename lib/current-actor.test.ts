import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { consentEvents, sessions, signInEvents } from "@/db/schema";
import { givenCustomer, givenPublishedPurposes, givenSession } from "@/lib/testing/factories";
import { currentActor } from "./current-actor";

const cookieJar = vi.hoisted(() => new Map<string, string>());
const request = vi.hoisted(() => ({ headers: new Headers(), headersFail: false }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined),
  }),
  headers: async () => {
    if (request.headersFail) throw new TypeError("headers unavailable for someone@example.com");
    return request.headers;
  },
}));

beforeEach(() => {
  cookieJar.clear();
  request.headers = new Headers({ "user-agent": "Mozilla/5.0 (X11; Linux x86_64) vitest" });
  request.headersFail = false;
  vi.unstubAllEnvs();
});

describe("currentActor", () => {
  it.each([
    ["http://localhost:3000", "authjs.session-token", "__Secure-authjs.session-token"],
    ["https://tillit.example.com", "__Secure-authjs.session-token", "authjs.session-token"],
  ])("on %s reads only the %s cookie", async (authUrl, name, other) => {
    vi.stubEnv("AUTH_URL", authUrl);
    const kari = await givenCustomer("cookie");
    cookieJar.set(other, await givenSession(kari.userId));
    expect(await currentActor()).toBeNull();
    cookieJar.set(name, await givenSession(kari.userId));
    expect(await currentActor()).toMatchObject({ kind: "customer", customerId: kari.customerId });
  });

  it("is null without a session cookie", async () => {
    cookieJar.set("tillit-locale", "en");
    expect(await currentActor()).toBeNull();
  });

  it("is null for an oversized token", async () => {
    cookieJar.set("authjs.session-token", "x".repeat(257));
    expect(await currentActor()).toBeNull();
  });

  it("records the session's device on its first request (see lib/sessions/touch-session.ts)", async () => {
    const kari = await givenCustomer("touched");
    const token = await givenSession(kari.userId);
    cookieJar.set("authjs.session-token", token);
    expect(await currentActor()).toMatchObject({ customerId: kari.customerId });
    const db = await getDb();
    const [session] = await db.select().from(sessions).where(eq(sessions.sessionToken, token));
    expect(session).toMatchObject({
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) vitest",
      lastSeenAt: expect.any(Date),
    });
    expect(await db.select().from(signInEvents).where(eq(signInEvents.userId, kari.userId))).toHaveLength(1);
  });

  it("still answers when recording the device fails, and logs the error's name only", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    request.headersFail = true;
    const kari = await givenCustomer("untouched");
    cookieJar.set("authjs.session-token", await givenSession(kari.userId));
    expect(await currentActor()).toMatchObject({ customerId: kari.customerId });
    expect(log.mock.calls).toEqual([
      ["[tillit] touch session failed: TypeError"],
      ["[tillit] global privacy control failed: TypeError"],
    ]);
    log.mockRestore();
  });

  it("records a Global Privacy Control opt-out for a customer's request that sends Sec-GPC: 1", async () => {
    await givenPublishedPurposes();
    const kari = await givenCustomer("gpc");
    cookieJar.set("authjs.session-token", await givenSession(kari.userId));
    request.headers.set("sec-gpc", "1");
    expect(await currentActor()).toMatchObject({ customerId: kari.customerId });
    const events = await (
      await getDb()
    )
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.customerId, kari.customerId));
    expect(events).toEqual([
      expect.objectContaining({ purposeKey: "delivery_partner_sharing", action: "withdrawn", method: "gpc_signal" }),
    ]);
  });
});
