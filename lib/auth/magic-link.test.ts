import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { sessions, verificationTokens } from "@/db/schema";
import { givenCustomer } from "@/lib/testing/factories";
import { handlers } from "./auth";
import { hashSignInToken } from "./issue-sign-in-link";

// The real Auth.js callback handler against the test database: what happens when a
// customer follows a magic link that is valid, used, expired or for someone else.

async function givenLink(email: string, expiresInMs: number, callbackUrl = "http://localhost:3000/account") {
  const token = randomBytes(32).toString("hex");
  // Stored exactly as issueSignInLink stores it: Auth.js must find and accept it.
  const hashed = hashSignInToken(token);
  await (
    await getDb()
  )
    .insert(verificationTokens)
    .values({ identifier: email, token: hashed, expires: new Date(Date.now() + expiresInMs) });
  const params = new URLSearchParams({ callbackUrl, token, email });
  return `http://localhost:3000/api/auth/callback/email?${params}`;
}

async function follow(url: string) {
  const response = await handlers.GET(new NextRequest(url));
  return {
    status: response.status,
    location: response.headers.get("location") ?? "",
    cookies: response.headers.get("set-cookie") ?? "",
  };
}

async function sessionCount(userId: string) {
  return (await (await getDb()).select().from(sessions).where(eq(sessions.userId, userId))).length;
}

describe("magic links", () => {
  it("a valid link signs the customer in once; the same link again is refused", async () => {
    const kari = await givenCustomer("kari");
    const link = await givenLink(kari.email, 10 * 60 * 1000);

    const first = await follow(link);
    expect(first.location).toBe("http://localhost:3000/account");
    expect(first.cookies).toMatch(/authjs\.session-token=.+HttpOnly.+SameSite=Lax/i);
    expect(await sessionCount(kari.userId)).toBe(1);

    const second = await follow(link);
    expect(second.location).toBe("http://localhost:3000/signin/error?error=Verification");
    expect(await sessionCount(kari.userId)).toBe(1);
  });

  it("a link whose callbackUrl points elsewhere still lands on our own site", async () => {
    const kari = await givenCustomer("phished");
    const result = await follow(await givenLink(kari.email, 60_000, "https://evil.example/steal"));
    expect(new URL(result.location).origin).toBe("http://localhost:3000");
  });

  it("an expired link is refused and creates no session", async () => {
    const kari = await givenCustomer("late");
    const link = await givenLink(kari.email, -1000);
    const result = await follow(link);
    expect(result.location).toBe("http://localhost:3000/signin/error?error=Verification");
    expect(result.cookies).not.toMatch(/session-token=[^;]+/);
    expect(await sessionCount(kari.userId)).toBe(0);
  });

  it("a link used with another address is refused", async () => {
    const kari = await givenCustomer("kari");
    const ola = await givenCustomer("ola");
    const link = (await givenLink(kari.email, 60_000)).replace(
      encodeURIComponent(kari.email),
      encodeURIComponent(ola.email),
    );
    const result = await follow(link);
    expect(result.location).toBe("http://localhost:3000/signin/error?error=Verification");
    expect(await sessionCount(ola.userId)).toBe(0);
    expect(await sessionCount(kari.userId)).toBe(0);
  });
});
