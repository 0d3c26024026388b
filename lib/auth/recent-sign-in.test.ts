import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { assertRecentSignIn, hasRecentSignIn } from "./recent-sign-in";

const actor = (signedInAt?: Date) => ({
  kind: "customer" as const,
  userId: "u",
  customerId: "u",
  ...(signedInAt ? { signedInAt } : {}),
});
const now = new Date("2026-11-29T12:00:00Z");

describe("recent sign-in", () => {
  it("accepts a sign-in from the last 10 minutes", () => {
    expect(hasRecentSignIn(actor(new Date("2026-11-29T11:50:30Z")), now)).toBe(true);
    expect(hasRecentSignIn(actor(new Date("2026-11-29T11:59:59Z")), now)).toBe(true);
  });

  it("refuses an older sign-in, an unknown one, and one from the future", () => {
    expect(hasRecentSignIn(actor(new Date("2026-11-29T11:49:59Z")), now)).toBe(false);
    expect(hasRecentSignIn(actor(), now)).toBe(false);
    expect(hasRecentSignIn(actor(new Date("2026-11-29T12:05:00Z")), now)).toBe(false);
  });

  it("throws the re-authentication error", () => {
    const error = (() => {
      try {
        assertRecentSignIn(actor(new Date(Date.now() - 11 * 60 * 1000)));
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(error) && error.messageKey).toBe("reauthRequired");
  });
});
