import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { rateLimitBuckets } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { givenCustomer } from "@/lib/testing/factories";
import { signIn } from "./auth";
import { requestSignInLink } from "./request-sign-in-link";

// Auth.js itself (token, mail) is not under test here: only whether it is asked to send.
vi.mock("@/lib/auth/auth", () => ({ signIn: vi.fn() }));

beforeEach(() => vi.mocked(signIn).mockClear());

/** Runs one request and gives its error code, or "sent" when it resolved. */
async function outcome(email: string, clientAddress: string) {
  try {
    await requestSignInLink({ email, clientAddress });
    return "sent";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("requestSignInLink", () => {
  it("asks Auth.js to email a link to a known customer", async () => {
    const { email } = await givenCustomer("known");
    expect(await outcome(email, "198.51.100.1")).toBe("sent");
    expect(signIn).toHaveBeenCalledTimes(1);
    expect(signIn).toHaveBeenCalledWith("email", { email, redirect: false, redirectTo: "/account" });
  });

  it("gives an unknown address the same outcome and sends nothing", async () => {
    expect(await outcome("nobody@example.test", "198.51.100.2")).toBe("sent");
    expect(signIn).not.toHaveBeenCalled();
  });

  it("refuses the sixth request for one address within the window", async () => {
    const { email } = await givenCustomer("eager");
    const clients = ["198.51.100.3", "198.51.100.4", "198.51.100.5", "198.51.100.6", "198.51.100.7", "198.51.100.8"];
    const outcomes = [];
    for (const client of clients) outcomes.push(await outcome(email, client));
    expect(outcomes).toEqual(["sent", "sent", "sent", "sent", "sent", "rate_limited"]);
    expect(signIn).toHaveBeenCalledTimes(5);
  });

  it("refuses the 21st request from one client, whatever the address", async () => {
    for (let i = 0; i < 20; i++) expect(await outcome(`probe-${i}@example.test`, "198.51.100.9")).toBe("sent");
    const { email } = await givenCustomer("behind-probe");
    expect(await outcome(email, "198.51.100.9")).toBe("rate_limited");
    expect(signIn).not.toHaveBeenCalled();
  });

  it("keeps neither email addresses nor client addresses in the rate-limit table", async () => {
    await outcome("stored@example.test", "198.51.100.10");
    const keys = (await (await getDb()).select({ key: rateLimitBuckets.key }).from(rateLimitBuckets)).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => key.includes("@") || key.includes("198.51.100"))).toEqual([]);
  });
});
