import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { sessions, verificationTokens } from "@/db/schema";
import { hashSignInToken } from "@/lib/auth/issue-sign-in-link";
import { givenCustomer } from "@/lib/testing/factories";
import { GET, POST } from "./route";

// Mail gateways open every link in a mail. Opening a sign-in link (GET) must not spend it;
// only the Continue page's POST does, through Auth.js's own callback.

const base = "http://localhost:3000";

async function givenLink(email: string) {
  const token = randomBytes(32).toString("hex");
  await (
    await getDb()
  )
    .insert(verificationTokens)
    .values({ identifier: email, token: hashSignInToken(token), expires: new Date(Date.now() + 10 * 60 * 1000) });
  return { token, email, callbackUrl: `${base}/account/export` };
}

const callbackUrl = (fields: Record<string, string>) =>
  `${base}/api/auth/callback/email?${new URLSearchParams(fields)}`;

function pressContinue(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return POST(
    new NextRequest(`${base}/api/auth/callback/email`, {
      method: "POST",
      body: new URLSearchParams(fields).toString(),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: base,
        host: "localhost:3000",
        "sec-fetch-site": "same-origin",
        ...headers,
      },
    }),
  );
}

async function state(userId: string, email: string) {
  const db = await getDb();
  return {
    sessions: (await db.select().from(sessions).where(eq(sessions.userId, userId))).length,
    tokens: (await db.select().from(verificationTokens).where(eq(verificationTokens.identifier, email))).length,
  };
}

describe("the sign-in callback", () => {
  it("opening the link (GET, as a mail scanner does) shows the Continue page and spends nothing", async () => {
    const kari = await givenCustomer("scanned");
    const link = await givenLink(kari.email);
    for (let i = 0; i < 3; i++) {
      const response = GET(new NextRequest(callbackUrl(link)));
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get("location")!, base);
      expect(location.pathname).toBe("/signin/continue");
      expect(Object.fromEntries(location.searchParams)).toEqual(link);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
    expect(await state(kari.userId, kari.email)).toEqual({ sessions: 0, tokens: 1 });

    // The person's press still works after the scanner has been.
    const pressed = await pressContinue(link);
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get("location")).toBe(`${base}/account/export`);
    expect(pressed.headers.get("set-cookie")).toMatch(/authjs\.session-token=.+HttpOnly/i);
    expect(await state(kari.userId, kari.email)).toEqual({ sessions: 1, tokens: 0 });
  });

  it("a second press of the same link is refused", async () => {
    const kari = await givenCustomer("twice");
    const link = await givenLink(kari.email);
    expect((await pressContinue(link)).status).toBe(303);
    const again = await pressContinue(link);
    expect(again.headers.get("location")).toBe(`${base}/signin/error?error=Verification`);
    expect(await state(kari.userId, kari.email)).toEqual({ sessions: 1, tokens: 0 });
  });

  it("a post from another site or a malformed post spends nothing", async () => {
    const kari = await givenCustomer("csrf");
    const link = await givenLink(kari.email);
    const attempts = [
      pressContinue(link, { origin: "https://evil.example" }),
      pressContinue(link, { "sec-fetch-site": "cross-site" }),
      pressContinue(link, { "content-type": "text/plain" }),
      pressContinue({ ...link, token: "not-a-token" }),
      pressContinue({ token: link.token, email: link.email }),
      pressContinue({ ...link, padding: "x".repeat(9000) }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/signin/error?error=Verification");
      expect(response.headers.get("set-cookie")).toBeNull();
    }
    expect(await state(kari.userId, kari.email)).toEqual({ sessions: 0, tokens: 1 });
  });

  it("a press through a chain of proxies that each appended X-Forwarded-Host is from our own page", async () => {
    const kari = await givenCustomer("proxied");
    const link = await givenLink(kari.email);
    const pressed = await pressContinue(link, { "x-forwarded-host": "localhost:3000, tillit-internal:3000" });
    expect(pressed.headers.get("location")).toBe(`${base}/account/export`);
    expect(await state(kari.userId, kari.email)).toEqual({ sessions: 1, tokens: 0 });
  });

  it("exposes no other Auth.js endpoint", async () => {
    expect(GET(new NextRequest(`${base}/api/auth/session`)).status).toBe(404);
    expect((await POST(new NextRequest(`${base}/api/auth/signin/email`, { method: "POST" }))).status).toBe(405);
  });
});
