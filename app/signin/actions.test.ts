import { beforeEach, describe, expect, it, vi } from "vitest";
import { signIn } from "@/lib/auth/auth";
import { givenCustomer } from "@/lib/testing/factories";
import { requestSignInLinkAction } from "./actions";

const request = vi.hoisted(() => ({ headers: new Headers() }));
const Redirect = vi.hoisted(
  () =>
    class Redirect extends Error {
      constructor(readonly to: string) {
        super(`redirect to ${to}`);
      }
    },
);

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => request.headers,
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
}));
vi.mock("next-intl/server", async () => {
  const { translatorFor } = await import("@/lib/i18n/translator");
  return {
    getTranslations: async (namespace: "errors") => translatorFor("en", namespace),
    getRequestConfig: (config: unknown) => config,
  };
});
vi.mock("@/lib/auth/auth", () => ({ signIn: vi.fn() }));

let nextClient = 0;

// No proxy in front: the last X-Forwarded-For entry is the socket address `next start` appended.
vi.stubEnv("TILLIT_TRUSTED_PROXY_HOPS", "0");

beforeEach(() => {
  vi.mocked(signIn).mockClear();
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
    if (error instanceof Redirect) return { redirectedTo: error.to };
    throw error;
  }
}

const checkEmail = { redirectedTo: "/signin/check-email" };

describe("requestSignInLinkAction", () => {
  it("sends a known customer to the check-email page and asks for a link", async () => {
    const { email } = await givenCustomer("kari");
    expect(await submit(`  ${email.toUpperCase()} `)).toEqual(checkEmail);
    expect(signIn).toHaveBeenCalledWith("email", expect.objectContaining({ email }));
  });

  it("sends an unknown address to the same page without asking for a link", async () => {
    expect(await submit("stranger@example.test")).toEqual(checkEmail);
    expect(signIn).not.toHaveBeenCalled();
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
    expect(signIn).not.toHaveBeenCalled();
  });

  it("tells a client that asked too often to wait, and sends nothing", async () => {
    for (let i = 0; i < 20; i++) await submit(`probe-${i}@example.test`);
    const { email } = await givenCustomer("late");
    expect(await submit(email)).toEqual({
      ok: false,
      message: "Too many attempts. Please wait a few minutes and try again.",
      fieldErrors: {},
    });
    expect(signIn).not.toHaveBeenCalled();
  });

  it("does not let a client escape the limit by forging X-Forwarded-For entries", async () => {
    const socketAddress = request.headers.get("x-forwarded-for");
    for (let i = 0; i < 20; i++) {
      request.headers.set("x-forwarded-for", `10.0.0.${i}, ${socketAddress}`);
      expect(await submit(`forged-${i}@example.test`)).toEqual(checkEmail);
    }
    request.headers.set("x-forwarded-for", `10.0.1.1, ${socketAddress}`);
    expect(await submit("forged-last@example.test")).toMatchObject({ ok: false });
  });
});
