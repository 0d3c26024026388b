import { beforeAll, describe, expect, it, vi } from "vitest";
import { mayUsePurpose } from "@/lib/consent/effective-consent";
import { listRequests } from "@/lib/requests/list-requests";
import { givenCustomer, givenPublishedPurposes, givenSession, givenStaff } from "@/lib/testing/factories";
import { Redirect, signedInWith } from "@/lib/testing/action-mocks";
import {
  liftRestrictionAction,
  objectToProcessingAction,
  requestRectificationAction,
  restrictProcessingAction,
} from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/action-mocks"));
vi.mock("next/cache", () => import("@/lib/testing/action-mocks"));
vi.mock("next/navigation", () => import("@/lib/testing/action-mocks"));
vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));
vi.mock("@/lib/i18n/request", () => import("@/lib/testing/action-mocks"));

function form(entries: [string, string][]) {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return formData;
}

async function signedInAs(userId: string | null) {
  signedInWith(userId ? await givenSession(userId) : null);
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
    expect(await mayUsePurpose(kari, "service_surveys")).toMatchObject({ status: "objected" });
    // The field's error is told once, under the field; the summary only says to check.
    expect(await objectToProcessingAction(null, form([["reason", ""]]))).toEqual({
      ok: false,
      message: "Please check what you entered.",
      fieldErrors: { purposeKeys: "Tick at least one use, or describe what you object to." },
      values: { reason: "" },
    });
  });

  it("refuses the empty 'Choose…' category in its own words, once, and keeps what was typed", async () => {
    const kari = await givenCustomer("act-choose");
    await signedInAs(kari.userId);
    const refused = await requestRectificationAction(
      null,
      form([
        ["category", ""],
        ["description", "Order 1042 shows the wrong size"],
      ]),
    );
    expect(refused).toEqual({
      ok: false,
      message: "Please check what you entered.",
      fieldErrors: { category: "Choose what kind of data is wrong." },
      values: { category: "", description: "Order 1042 shows the wrong size" },
    });
    expect(await listRequests(kari)).toEqual([]);
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
    expect(await mayUsePurpose(kari, "service_surveys")).toMatchObject({ status: "in_use" });
  });
});
