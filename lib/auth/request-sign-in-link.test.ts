import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { rateLimitBuckets, verificationTokens } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { listOutbox } from "@/lib/mail/outbox";
import { flushAfterTasks } from "@/lib/testing/after-response";
import { givenCustomer } from "@/lib/testing/factories";
import { hashSignInToken, signInLinkOwner } from "./issue-sign-in-link";
import { requestSignInLink } from "./request-sign-in-link";

vi.mock("next/server", async (importOriginal) =>
  (await import("@/lib/testing/after-response")).afterResponseMock(importOriginal),
);

// No EMAIL_SERVER here: links land in the local outbox, which the tests read.

/** Runs one request (and its after-response work) and gives its error code, or "answered". */
async function outcome(email: string, clientAddress: string) {
  try {
    await requestSignInLink({ email, clientAddress, locale: "en" });
    await flushAfterTasks();
    return "answered";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const mailsTo = (email: string) => listOutbox().filter((m) => m.to === email);

async function tokensFor(email: string) {
  return (await getDb()).select().from(verificationTokens).where(eq(verificationTokens.identifier, email));
}

describe("requestSignInLink", () => {
  it("mails a known customer a link whose token is stored only as a hash", async () => {
    const { email } = await givenCustomer("known");
    expect(await outcome(email, "198.51.100.1")).toBe("answered");
    const [mail] = mailsTo(email);
    const link = new URL(mail!.url);
    // Our Continue page, not the Auth.js callback: a mail scanner opening it spends nothing.
    expect(link.pathname).toBe("/signin/continue");
    // No email address in the URL (browser history, proxies' logs): the token says whose it is.
    expect([...link.searchParams.keys()].sort()).toEqual(["callbackUrl", "token"]);
    expect(mail!.url).not.toContain(encodeURIComponent(email));
    const token = link.searchParams.get("token")!;
    expect(await signInLinkOwner(token)).toBe(email);
    expect(await signInLinkOwner("0".repeat(64)), "an unknown token is nobody's").toBeNull();
    const stored = await tokensFor(email);
    expect(stored.map((t) => t.token)).toEqual([hashSignInToken(token)]);
    expect(stored[0]!.expires.getTime() - Date.now()).toBeGreaterThan(9 * 60 * 1000);
    expect(stored[0]!.expires.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);
  });

  it("gives an unknown address the same answer, and stores and sends nothing", async () => {
    expect(await outcome("nobody@example.test", "198.51.100.2")).toBe("answered");
    expect(mailsTo("nobody@example.test")).toEqual([]);
    expect(await tokensFor("nobody@example.test")).toEqual([]);
  });

  it("a new link replaces the earlier one", async () => {
    const { email } = await givenCustomer("twice");
    await outcome(email, "198.51.100.3");
    await outcome(email, "198.51.100.3");
    const [newest] = mailsTo(email);
    const stored = await tokensFor(email);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token).toBe(hashSignInToken(new URL(newest!.url).searchParams.get("token")!));
  });

  it("past five requests for one address it answers the same and sends nothing more", async () => {
    const { email } = await givenCustomer("eager");
    const outcomes = [];
    for (let i = 0; i < 7; i++) outcomes.push(await outcome(email, `198.51.100.${10 + i}`));
    expect(outcomes).toEqual(Array(7).fill("answered"));
    expect(mailsTo(email)).toHaveLength(5);
  });

  it("refuses the 21st request from one client, whatever the address", async () => {
    for (let i = 0; i < 20; i++) expect(await outcome(`probe-${i}@example.test`, "198.51.100.30")).toBe("answered");
    const { email } = await givenCustomer("behind-probe");
    expect(await outcome(email, "198.51.100.30")).toBe("rate_limited");
    expect(mailsTo(email)).toEqual([]);
  });

  it("keeps neither email addresses nor client addresses in the rate-limit table", async () => {
    await outcome("stored@example.test", "198.51.100.40");
    const keys = (await (await getDb()).select({ key: rateLimitBuckets.key }).from(rateLimitBuckets)).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => key.includes("@") || key.includes("198.51.100"))).toEqual([]);
  });
});

describe("signInLinkOwner", () => {
  it("knows a link only while it is unexpired", async () => {
    const { email } = await givenCustomer("expiring");
    await outcome(email, "198.51.100.9");
    const token = new URL(mailsTo(email).at(-1)!.url).searchParams.get("token")!;
    expect(await signInLinkOwner(token)).toBe(email);
    await (
      await getDb()
    )
      .update(verificationTokens)
      .set({ expires: new Date(Date.now() - 1000) })
      .where(eq(verificationTokens.identifier, email));
    expect(await signInLinkOwner(token)).toBeNull();
  });
});
