import { revalidatePath } from "next/cache";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { currentActor } from "@/lib/current-actor";
import { AppError } from "@/lib/errors";
import { NotFound, Redirect, request } from "@/lib/testing/action-mocks";
import { defineAction } from "./define-action";

vi.mock("next/cache", () => import("@/lib/testing/action-mocks"));
vi.mock("next/navigation", () => import("@/lib/testing/action-mocks"));
vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));
vi.mock("@/lib/current-actor", () => ({ currentActor: vi.fn() }));

// What the customer reads (messages/{en,nb}/).
const says = {
  invalid: "Please check what you entered.",
  invalidField: "This value is not valid.",
  unauthenticated: "Your session has ended. Please sign in again.",
  unexpected: "Something went wrong on our side. Nothing was changed. Please try again.",
  givenNameRequired: "Enter your given name.",
  emailInvalid: "Enter a valid email address, like name@example.com.",
};

const kari: Actor = { kind: "customer", userId: "kari-user", customerId: "kari-user" };

// givenName has an area key (profile.fieldErrors), email a shared one (errors.fields), note none.
const schema = z.strictObject({
  givenName: z.string().min(1, "givenNameRequired"),
  email: z.email("emailInvalid").optional(),
  note: z.string().max(3).optional(),
});

function form(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  return formData;
}

const run = vi.fn(async (_actor: Actor, input: z.output<typeof schema>) => ({ saved: input.givenName }));

/** A profile-like action; `overrides` replace any part of the definition (typed loosely, to try each variant). */
function action(overrides: Record<string, unknown> = {}) {
  const definition = {
    name: "test action",
    schema,
    messages: "profile",
    principal: "actor",
    run,
    revalidate: { path: "/account", type: "layout" },
    ok: ({ saved }: { saved: string }) => ({ saved }),
    ...overrides,
  };
  return defineAction(definition as unknown as Parameters<typeof defineAction>[0]);
}

beforeEach(() => {
  request.locale = "en";
  run.mockClear();
  vi.mocked(revalidatePath).mockClear();
  vi.mocked(currentActor).mockReset().mockResolvedValue(kari);
});

afterEach(() => vi.restoreAllMocks());

describe("defineAction", () => {
  it("answers everyone outside the action's area with the area's 404, before reading the post", async () => {
    const agent: Actor = { kind: "staff", userId: "agent-user", role: "agent" };
    const product: Actor = { kind: "staff", userId: "product-user", role: "product" };
    const support = action({ area: "support" });
    for (const outsider of [kari, product, null]) {
      vi.mocked(currentActor).mockResolvedValue(outsider);
      await expect(support(null, form({ givenName: "Kari" }))).rejects.toBeInstanceOf(NotFound);
      await expect(support(null, "no form" as unknown as FormData)).rejects.toBeInstanceOf(NotFound);
    }
    expect(run).not.toHaveBeenCalled();
    vi.mocked(currentActor).mockResolvedValue(agent);
    expect(await support(null, form({ givenName: "Kari" }))).toEqual({ ok: true, saved: "Kari" });
    expect(run).toHaveBeenCalledWith(agent, { givenName: "Kari" });
  });

  it("passes the signed-in actor first, revalidates, and answers ok with what the definition picks", async () => {
    expect(await action()(null, form({ givenName: "Kari" }))).toEqual({ ok: true, saved: "Kari" });
    expect(run).toHaveBeenCalledWith(kari, { givenName: "Kari" });
    expect(revalidatePath).toHaveBeenCalledExactlyOnceWith("/account", "layout");
  });

  it("answers a refused post with one localised message per field: the area's words, then the shared ones", async () => {
    const refused = form({ givenName: "", email: "kari.example.com", note: "too long" });
    expect(await action()(null, refused)).toEqual({
      ok: false,
      message: says.invalid,
      fieldErrors: { givenName: says.givenNameRequired, email: says.emailInvalid, note: says.invalidField },
    });
    // Without an area, a key the shared catalogue lacks falls back to the generic field message.
    expect(await action({ messages: undefined })(null, refused)).toMatchObject({
      fieldErrors: { givenName: says.invalidField, email: says.emailInvalid, note: says.invalidField },
    });
    request.locale = "nb";
    expect(await action()(null, form({ givenName: "" }))).toEqual({
      ok: false,
      message: "Sjekk det du har fylt inn.",
      fieldErrors: { givenName: "Skriv inn fornavnet ditt." },
    });
    expect(run).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("refuses a forged extra field before it looks for the actor or runs the use case", async () => {
    expect(await action()(null, form({ givenName: "Kari", customerId: "ola-user" }))).toEqual({
      ok: false,
      message: says.invalid,
      fieldErrors: { form: says.invalidField },
    });
    expect(currentActor).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it("asks to sign in again when there is no actor, without running the use case", async () => {
    vi.mocked(currentActor).mockResolvedValue(null);
    expect(await action()(null, form({ givenName: "Kari" }))).toEqual({
      ok: false,
      message: says.unauthenticated,
      fieldErrors: {},
    });
    expect(run).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("runs a public action without looking for an actor", async () => {
    const publicRun = vi.fn(async (input: z.output<typeof schema>) => ({ saved: input.givenName }));
    const verify = action({ principal: "none", run: publicRun });
    expect(await verify(null, form({ givenName: "Kari" }))).toEqual({ ok: true, saved: "Kari" });
    expect(publicRun).toHaveBeenCalledWith({ givenName: "Kari" });
    expect(currentActor).not.toHaveBeenCalled();
  });

  it.each([
    [
      "the area's message for the key",
      "profile",
      new AppError("invalid", { messageKey: "tooManyAddresses" }),
      "You already have 5 addresses, which is the most you can have. Remove one first.",
    ],
    [
      "the area's message before the shared one",
      "preferences",
      new AppError("invalid"),
      "Your choices could not be read, so nothing was changed. Reload the page and try again.",
    ],
    [
      "the shared message for the key",
      "profile",
      new AppError("conflict", { messageKey: "purposeChanged" }),
      "This purpose has been updated since the page was loaded. Reload the page to see the new text.",
    ],
    [
      "the code's message for an unknown key",
      "profile",
      new AppError("not_found", { messageKey: "noSuchMessage" }),
      "We could not find that.",
    ],
  ])("maps an AppError to %s", async (_, messages, error, message) => {
    run.mockRejectedValueOnce(error);
    expect(await action({ messages })(null, form({ givenName: "Kari" }))).toEqual({
      ok: false,
      message,
      fieldErrors: {},
    });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("maps an AppError's field keys like a refused post", async () => {
    run.mockRejectedValueOnce(new AppError("invalid", { fieldErrors: { givenName: "givenNameRequired" } }));
    expect(await action()(null, form({ givenName: "Kari" }))).toEqual({
      ok: false,
      message: says.invalid,
      fieldErrors: { givenName: says.givenNameRequired },
    });
  });

  it("answers an unexpected error with the generic message and logs its class name, never its message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    run.mockRejectedValueOnce(new TypeError("kari@example.test has no row"));
    expect(await action()(null, form({ givenName: "Kari" }))).toEqual({
      ok: false,
      message: says.unexpected,
      fieldErrors: {},
    });
    expect(log).toHaveBeenCalledExactlyOnceWith("[tillit] test action failed: TypeError");
    expect(revalidatePath).not.toHaveBeenCalled();
    // An area may word its own (a check that changes nothing does not say "Nothing was changed").
    run.mockRejectedValueOnce(new Error("kari@example.test"));
    expect(await action({ messages: "receiptVerify" })(null, form({ givenName: "Kari" }))).toMatchObject({
      message: "Something went wrong on our side. Please try again.",
    });
    expect(JSON.stringify(log.mock.calls)).not.toContain("kari@example.test");
  });

  it("revalidates only after a success that `when` accepts", async () => {
    const onlyChanges = action({
      revalidate: { path: "/account", when: ({ saved }: { saved: string }) => saved !== "Same" },
    });
    await onlyChanges(null, form({ givenName: "Same" }));
    expect(revalidatePath).not.toHaveBeenCalled();
    await onlyChanges(null, form({ givenName: "Kari" }));
    expect(revalidatePath).toHaveBeenCalledExactlyOnceWith("/account");
  });

  it("redirects after success and revalidation, and answers a failure instead", async () => {
    const filing = action({
      ok: undefined,
      redirect: ({ saved }: { saved: string }) => `/account/requests/${saved}?filed=1`,
    });
    await expect(filing(null, form({ givenName: "r1" }))).rejects.toEqual(new Redirect("/account/requests/r1?filed=1"));
    expect(revalidatePath).toHaveBeenCalledOnce();
    run.mockRejectedValueOnce(new AppError("forbidden"));
    expect(await filing(null, form({ givenName: "r2" }))).toMatchObject({
      ok: false,
      message: "You are not allowed to do that.",
    });
  });
});

describe("defineAction's declared special cases", () => {
  it("first-field: the first field's message is the summary when the area words it", async () => {
    const requestForm = action({
      messages: "requests",
      refusal: "first-field",
      schema: z.strictObject({ ground: z.enum(["a"], { error: "groundRequired" }) }),
    });
    expect(await requestForm(null, form({}))).toEqual({
      ok: false,
      message: "Choose why you want to restrict the use of your data.",
      fieldErrors: { ground: "Choose why you want to restrict the use of your data." },
    });
    const erasure = action({ messages: "erasure", refusal: "first-field" });
    expect(await erasure(null, form({ givenName: "Kari", extra: "x" }))).toMatchObject({ message: says.invalid });
  });

  it("form: one message for the whole form, from the area's errors, also for an invalid AppError", async () => {
    const grid = action({
      messages: "preferences",
      refusal: "form",
      schema: z.strictObject({ channel: z.enum(["sms"], { error: "unknownChannel" }) }),
    });
    const unknownChannel = "We do not contact anyone by that channel, so nothing was changed.";
    expect(await grid(null, form({ channel: "fax" }))).toEqual({
      ok: false,
      message: unknownChannel,
      fieldErrors: { form: unknownChannel },
    });
    run.mockRejectedValueOnce(new AppError("invalid", { messageKey: "noChanges" }));
    const noChanges = "No choices were sent, so nothing was changed.";
    expect(await grid(null, form({ channel: "sms" }))).toEqual({
      ok: false,
      message: noChanges,
      fieldErrors: { form: noChanges },
    });
    run.mockRejectedValueOnce(new AppError("forbidden"));
    expect(await grid(null, form({ channel: "sms" }))).toEqual({
      ok: false,
      message: "You are not allowed to do that.",
      fieldErrors: {},
    });
  });

  it("hiddenFields: a refused hidden field answers with its error and no field error", async () => {
    const reason = action({
      messages: "withdrawalReason",
      schema: z.strictObject({ token: z.string().min(1), reason: z.string() }),
      hiddenFields: { token: "invalidToken" },
    });
    expect(await reason(null, form({ token: "", reason: "other" }))).toEqual({
      ok: false,
      message: "This question is no longer open. Nothing was saved.",
      fieldErrors: {},
    });
  });

  it("keepValues and flags: a failure carries what was typed and the flag of its error", async () => {
    const kept = action({ keepValues: true, flags: { reauthRequired: { reauth: true } } });
    expect(await kept(null, form({ givenName: "" }))).toMatchObject({ values: { givenName: "" } });
    expect(await kept(null, form({ givenName: "" }))).not.toHaveProperty("reauth");
    run.mockRejectedValueOnce(new AppError("forbidden", { messageKey: "reauthRequired" }));
    expect(await kept(null, form({ givenName: "Kari" }))).toMatchObject({
      ok: false,
      reauth: true,
      values: { givenName: "Kari" },
    });
  });
});
