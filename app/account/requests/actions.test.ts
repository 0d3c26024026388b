import { beforeAll, describe, expect, it, vi } from "vitest";
import { mayUsePurpose } from "@/lib/consent/effective-consent";
import { listRequests } from "@/lib/requests/list-requests";
import { givenCustomer, givenPublishedPurposes, givenSession, givenStaff } from "@/lib/testing/factories";
import {
  liftRestrictionAction,
  objectToProcessingAction,
  requestRectificationAction,
  restrictProcessingAction,
} from "./actions";

const request = vi.hoisted(() => ({ cookies: new Map<string, string>(), headers: new Headers() }));

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
  }),
  headers: async () => request.headers,
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Redirect(url);
  },
}));
vi.mock("next-intl/server", async () => {
  const { translatorFor } = await import("@/lib/i18n/translator");
  return {
    getTranslations: async (namespace: "errors") => translatorFor("en", namespace),
    getRequestConfig: (config: unknown) => config,
  };
});
vi.mock("@/lib/i18n/request", () => ({ resolveLocale: async () => "en" }));

class Redirect extends Error {
  constructor(readonly url: string) {
    super(url);
  }
}

function form(entries: [string, string][]) {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return formData;
}

async function signedInAs(userId: string | null) {
  request.cookies.clear();
  if (userId) request.cookies.set("authjs.session-token", await givenSession(userId));
}

/** Runs an action that redirects on success; returns the request id it redirected to. */
async function filed(run: Promise<unknown>): Promise<string> {
  const outcome = await run.then(
    (value) => value,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Redirect)) throw new Error(`expected a redirect, got ${JSON.stringify(outcome)}`);
  const match = /^\/account\/requests\/([0-9a-f-]{36})\?(filed|lifted)=1$/.exec(outcome.url);
  expect(match).not.toBeNull();
  return match![1]!;
}

beforeAll(async () => {
  await givenPublishedPurposes();
});

describe("request actions", () => {
  it("objects to the ticked purposes, read as a checkbox group", async () => {
    const kari = await givenCustomer("act-object");
    await signedInAs(kari.userId);
    await filed(
      objectToProcessingAction(
        null,
        form([
          ["purposeKeys", "service_surveys"],
          ["reason", ""],
        ]),
      ),
    );
    expect(await mayUsePurpose(kari.customerId, "service_surveys")).toMatchObject({ status: "objected" });
    expect(await objectToProcessingAction(null, form([["reason", ""]]))).toEqual({
      ok: false,
      message: "Tick at least one use, or describe what you object to.",
      fieldErrors: { purposeKeys: "Tick at least one use, or describe what you object to." },
    });
  });

  it("refuses a forged customer id and explains field errors in the area's own words", async () => {
    const kari = await givenCustomer("act-forged");
    const ola = await givenCustomer("act-victim");
    await signedInAs(kari.userId);
    expect(
      await requestRectificationAction(
        null,
        form([
          ["category", "orders"],
          ["description", "Wrong"],
          ["customerId", ola.customerId],
        ]),
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: { form: "This form could not be read. Reload the page and try again." },
    });
    expect(await requestRectificationAction(null, form([["category", "orders"]]))).toMatchObject({
      ok: false,
      fieldErrors: { description: expect.any(String) },
    });
    expect(await restrictProcessingAction(null, form([["reason", "x"]]))).toMatchObject({
      ok: false,
      fieldErrors: { ground: "Choose why you want to restrict the use of your data." },
    });
    expect(await listRequests(kari)).toEqual([]);
    expect(await listRequests(ola)).toEqual([]);
  });

  it("lets only the owner lift a restriction; a second restriction is refused with its message", async () => {
    const kari = await givenCustomer("act-restrict");
    const ola = await givenCustomer("act-other");
    await signedInAs(kari.userId);
    const id = await filed(restrictProcessingAction(null, form([["ground", "legal_claims"]])));
    expect(await restrictProcessingAction(null, form([["ground", "legal_claims"]]))).toMatchObject({
      ok: false,
      message: "Processing of your data is already restricted.",
    });
    await signedInAs(ola.userId);
    expect(await liftRestrictionAction(null, form([["requestId", id]]))).toMatchObject({
      ok: false,
      message: "We could not find that.",
    });
    const agent = await givenStaff("agent");
    await signedInAs(agent.userId);
    expect(await liftRestrictionAction(null, form([["requestId", id]]))).toMatchObject({
      ok: false,
      message: "You are not allowed to do that.",
    });
    await signedInAs(null);
    expect(await liftRestrictionAction(null, form([["requestId", id]]))).toMatchObject({
      ok: false,
      message: "Your session has ended. Please sign in again.",
    });
    await signedInAs(kari.userId);
    expect(await filed(liftRestrictionAction(null, form([["requestId", id]])))).toBe(id);
    expect(await mayUsePurpose(kari.customerId, "service_surveys")).toMatchObject({ status: "in_use" });
  });
});
