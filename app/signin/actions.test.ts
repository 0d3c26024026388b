import { beforeEach, describe, expect, it, vi } from "vitest";
import { listOutbox } from "@/lib/mail/outbox";
import { flushAfterTasks } from "@/lib/testing/after-response";
import { givenCustomer } from "@/lib/testing/factories";
import { Redirect, request } from "@/lib/testing/action-mocks";
import { requestSignInLinkAction } from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/action-mocks"));
vi.mock("next/navigation", () => import("@/lib/testing/action-mocks"));
vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));
vi.mock("next/server", async (importOriginal) =>
  (await import("@/lib/testing/after-response")).afterResponseMock(importOriginal),
);

let nextClient = 0;

// One trusted proxy in front, which appends the address it saw to X-Forwarded-For.
vi.stubEnv("TILLIT_TRUSTED_PROXY_HOPS", "1");

const mailsTo = (email: string) => listOutbox().filter((m) => m.to === email);

beforeEach(() => {
  // A client address of each test's own, so the per-client limit of one test never reaches another.
  nextClient += 1;
  request.headers = new Headers({ "x-forwarded-for": `192.0.2.${nextClient}` });
});

/** Posts the sign-in form; a redirect is returned as where the browser would go. */
async function submit(email: string | null) {
  const formData = new FormData();
  if (email !== null) formData.append("email", email);
  try {
    return await requestSignInLinkAction(null, formData);
  } catch (error) {
    if (error instanceof Redirect) return { redirectedTo: error.url };
    throw error;
  } finally {
    await flushAfterTasks();
  }
}

const checkEmail = { redirectedTo: "/signin/check-email" };

describe("requestSignInLinkAction", () => {
  it("sends a known customer to the check-email page and asks for a link", async () => {
    const { email } = await givenCustomer("kari");
    expect(await submit(`  ${email.toUpperCase()} `)).toEqual(checkEmail);
    expect(mailsTo(email)).toHaveLength(1);
  });

  it("sends an unknown address to the same page without asking for a link", async () => {
    expect(await submit("stranger@example.test")).toEqual(checkEmail);
    expect(mailsTo("stranger@example.test")).toEqual([]);
  });

  it.each([
    ["an invalid address", "kari.example.com", "Enter a valid email address, like name@example.com."],
    ["an empty address", "", "Enter your email address."],
    ["a missing field", null, "Enter your email address."],
    ["an over-long address", `${"a".repeat(250)}@example.test`, "The email address is too long."],
  ])("explains %s next to the field", async (_, email, fieldError) => {
    expect(await submit(email)).toEqual({
      ok: false,
      message: "Please check what you entered.",
      fieldErrors: { email: fieldError },
    });
    expect(listOutbox().filter((m) => m.to === email)).toEqual([]);
  });

  it("tells a client that asked too often to wait, and sends nothing", async () => {
    for (let i = 0; i < 20; i++) await submit(`probe-${i}@example.test`);
    const { email } = await givenCustomer("late");
    expect(await submit(email)).toEqual({
      ok: false,
      message: "Too many attempts. Please wait a few minutes and try again.",
      fieldErrors: {},
    });
    expect(mailsTo(email)).toEqual([]);
  });

  it("does not let a client escape the limit by forging X-Forwarded-For entries before the proxy's", async () => {
    const seenByProxy = request.headers.get("x-forwarded-for");
    for (let i = 0; i < 20; i++) {
      request.headers.set("x-forwarded-for", `10.0.0.${i}, ${seenByProxy}`);
      expect(await submit(`forged-${i}@example.test`)).toEqual(checkEmail);
    }
    request.headers.set("x-forwarded-for", `10.0.1.1, ${seenByProxy}`);
    expect(await submit("forged-last@example.test")).toMatchObject({ ok: false });
  });
});
