import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { consentEvents, consentStates, withdrawalReasons } from "@/db/schema";
import { givenCustomer, givenSession, givenStaff } from "@/lib/testing/factories";
import { request, signedInWith } from "@/lib/testing/action-mocks";
import { givenConsentToVersion, givenPreferencePurposes } from "@/lib/preferences/preferences.test-support";
import { giveWithdrawalReasonAction, setConsentAction } from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/action-mocks"));
vi.mock("next/cache", () => import("@/lib/testing/action-mocks"));
vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));

const userAgent = "Mozilla/5.0 (X11; Linux x86_64) vitest";
// What the customer reads (messages/en/).
const says = {
  invalid: "Please check what you entered.",
  invalidField: "This value is not valid.",
  unauthenticated: "Your session has ended. Please sign in again.",
  forbidden: "You are not allowed to do that.",
  purposeNotFound: "This purpose does not exist or is no longer in use. Nothing was changed.",
  notSwitchable: "This purpose cannot be switched off, because it rests on our agreement with you or on the law.",
  purposeChanged: "This purpose has been updated since the page was loaded. Reload the page to see the new text.",
  consentChanged:
    "Your consent to this purpose has changed since the page was loaded, so nothing was changed. Reload the page to see what applies now.",
  reconsentRequired:
    "You agreed to an earlier version of this purpose, and it has changed since. Nothing was changed: see what is new on the purposes page, and answer there.",
};

function consentForm(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries({
    purposeKey: "newsletter",
    purposeVersion: "1",
    granted: "true",
    ...fields,
  })) {
    formData.append(name, value);
  }
  return formData;
}

async function rowsFor(customerId: string, purposeKey: string) {
  const db = await getDb();
  const mine = (table: typeof consentEvents | typeof consentStates) =>
    and(eq(table.customerId, customerId), eq(table.purposeKey, purposeKey));
  return {
    events: await db.select().from(consentEvents).where(mine(consentEvents)).orderBy(consentEvents.id),
    states: await db.select().from(consentStates).where(mine(consentStates)),
  };
}

/** Every consent row in this file's database, to show that a refused post changed nothing. */
async function allConsentRows() {
  const db = await getDb();
  return {
    events: await db.select().from(consentEvents).orderBy(consentEvents.id),
    states: await db.select().from(consentStates).orderBy(consentStates.customerId, consentStates.purposeKey),
  };
}

async function expectRefusedWithoutChange(
  fields: Record<string, string>,
  expected: { message: string; fieldErrors?: object },
) {
  const before = await allConsentRows();
  expect(await setConsentAction(null, consentForm(fields))).toEqual({ ok: false, fieldErrors: {}, ...expected });
  expect(await allConsentRows()).toEqual(before);
  expect(revalidatePath).not.toHaveBeenCalled();
}

let kari: Awaited<ReturnType<typeof givenCustomer>>;
let ola: Awaited<ReturnType<typeof givenCustomer>>;

beforeAll(async () => {
  // The demo purposes, with version 1 of personalised offers retired beside version 2.
  await givenPreferencePurposes();
  kari = await givenCustomer("kari");
  ola = await givenCustomer("ola");
  // Ola has a choice on record, so a forged post aimed at him would have something to change.
  signedInWith(await givenSession(ola.userId));
  expect(await setConsentAction(null, consentForm({ granted: "true" }))).toMatchObject({ ok: true });
});

beforeEach(async () => {
  vi.mocked(revalidatePath).mockClear();
  request.headers = new Headers({ "user-agent": userAgent, "accept-language": "en-GB,en;q=0.9" });
  signedInWith(await givenSession(kari.userId));
});

describe("setConsentAction", () => {
  it("records the signed-in customer's choice with the browser's user agent and language", async () => {
    expect(await setConsentAction(null, consentForm({ purposeKey: "order_sms" }))).toEqual({
      ok: true,
      purposeKey: "order_sms",
      granted: true,
      method: "switch",
    });
    const { events, states } = await rowsFor(kari.customerId, "order_sms");
    expect(events).toEqual([
      expect.objectContaining({ action: "granted", sourceChannel: "web", userAgent, locale: "en", gpc: false }),
    ]);
    expect(states).toEqual([expect.objectContaining({ granted: true, lastEventId: events[0]!.id })]);
    expect(revalidatePath).toHaveBeenCalledWith("/account", "layout");
  });

  it("records an answer to the re-consent prompt as such, and leaves the prompt on screen", async () => {
    await givenConsentToVersion(kari, "personalised_offers", 1);
    const answer = { purposeKey: "personalised_offers", purposeVersion: "2", method: "reconsent_prompt" };
    // The prompt carries the version its changes were computed from; without it, nothing is granted.
    await expectRefusedWithoutChange(answer, { message: says.consentChanged });
    expect(await setConsentAction(null, consentForm({ ...answer, agreedVersion: "1" }))).toMatchObject({
      ok: true,
      method: "reconsent_prompt",
    });
    const { events } = await rowsFor(kari.customerId, "personalised_offers");
    expect(events.at(-1)).toMatchObject({ action: "granted", purposeVersion: 2, method: "reconsent_prompt" });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("says the purpose changed since she agreed when a switch would grant a version she has not seen", async () => {
    await givenConsentToVersion(ola, "personalised_offers", 1);
    signedInWith(await givenSession(ola.userId));
    await expectRefusedWithoutChange(
      { purposeKey: "personalised_offers", purposeVersion: "2" },
      { message: says.reconsentRequired },
    );
  });

  it("refuses a method only the system may record", async () => {
    await expectRefusedWithoutChange(
      { method: "gpc_signal" },
      { message: says.invalid, fieldErrors: { method: says.invalidField } },
    );
  });

  it("records the Global Privacy Control signal", async () => {
    // Never asked is already off: grant first, so that the withdrawal is a change.
    await setConsentAction(null, consentForm({ purposeKey: "product_analytics", granted: "true" }));
    request.headers.set("sec-gpc", "1");
    await setConsentAction(null, consentForm({ purposeKey: "product_analytics", granted: "false" }));
    const { events } = await rowsFor(kari.customerId, "product_analytics");
    expect(events).toEqual([
      expect.objectContaining({ action: "granted", gpc: false }),
      expect.objectContaining({ action: "withdrawn", gpc: true }),
    ]);
  });

  it("refuses another customer's id in the form and changes nobody's consent", async () => {
    await expectRefusedWithoutChange(
      { customerId: ola.customerId, granted: "false" },
      { message: says.invalid, fieldErrors: { form: says.invalidField } },
    );
  });

  it("refuses a granted value that is not true or false", async () => {
    await expectRefusedWithoutChange(
      { granted: "yes" },
      { message: says.invalid, fieldErrors: { granted: says.invalidField } },
    );
  });

  it("asks to sign in again without a session cookie", async () => {
    signedInWith(null);
    await expectRefusedWithoutChange({}, { message: says.unauthenticated });
  });

  it("asks to sign in again with an expired session", async () => {
    signedInWith(await givenSession(kari.userId, -60_000));
    await expectRefusedWithoutChange({}, { message: says.unauthenticated });
  });

  it("refuses a support agent's session", async () => {
    const agent = await givenStaff("agent");
    signedInWith(await givenSession(agent.userId));
    await expectRefusedWithoutChange({}, { message: says.forbidden });
  });

  it("says a forged purpose does not exist", async () => {
    await expectRefusedWithoutChange({ purposeKey: "sell_my_data" }, { message: says.purposeNotFound });
  });

  it("says a contract purpose cannot be switched off", async () => {
    await expectRefusedWithoutChange(
      { purposeKey: "order_processing", granted: "false" },
      { message: says.notSwitchable },
    );
  });

  it("says the purpose changed when the page showed an older version", async () => {
    await expectRefusedWithoutChange({ purposeVersion: "2" }, { message: says.purposeChanged });
  });
});

describe("giveWithdrawalReasonAction", () => {
  const reasonSays = {
    choose: "Choose a reason, or skip.",
    invalidToken: "This question is no longer open. Nothing was saved.",
    alreadyAnswered: "You have already answered this. Nothing more was saved.",
  };

  function reasonForm(fields: Record<string, string>) {
    const formData = new FormData();
    for (const [name, value] of Object.entries(fields)) formData.append(name, value);
    return formData;
  }

  const allReasons = async () => (await getDb()).select().from(withdrawalReasons).orderBy(withdrawalReasons.id);

  /** Kari switches a purpose on and off; the withdrawal hands back the one-time ticket. */
  async function withdraw(purposeKey: string) {
    await setConsentAction(null, consentForm({ purposeKey, granted: "true" }));
    const result = await setConsentAction(null, consentForm({ purposeKey, granted: "false" }));
    if (!result?.ok || !result.reasonToken) throw new Error("expected a reason ticket after withdrawing");
    return result.reasonToken;
  }

  it("hands out a ticket only with a withdrawal that was just made", async () => {
    const grant = await setConsentAction(null, consentForm({ purposeKey: "order_sms", granted: "true" }));
    expect(grant).toEqual({ ok: true, purposeKey: "order_sms", granted: true, method: "switch" });
    const withdrawal = await setConsentAction(null, consentForm({ purposeKey: "order_sms", granted: "false" }));
    expect(withdrawal).toEqual({
      ok: true,
      purposeKey: "order_sms",
      granted: false,
      method: "switch",
      reasonToken: expect.any(String),
    });
    // Already off: nothing new was withdrawn, so there is nothing to ask about.
    const again = await setConsentAction(null, consentForm({ purposeKey: "order_sms", granted: "false" }));
    expect(again).toEqual({ ok: true, purposeKey: "order_sms", granted: false, method: "switch" });
  });

  it("stores one anonymous answer and refuses a second one with the same ticket", async () => {
    const token = await withdraw("newsletter");
    const before = await allReasons();
    expect(
      await giveWithdrawalReasonAction(null, reasonForm({ purposeKey: "newsletter", token, reason: "not_relevant" })),
    ).toEqual({ ok: true });
    const after = await allReasons();
    // Ids are random (a sequence would give away the order), so compare by id.
    expect(after.filter((row) => !before.some((b) => b.id === row.id))).toEqual([
      { id: expect.any(String), purposeKey: "newsletter", reason: "not_relevant", recordedOn: expect.any(String) },
    ]);
    expect(
      await giveWithdrawalReasonAction(null, reasonForm({ purposeKey: "newsletter", token, reason: "other" })),
    ).toEqual({ ok: false, message: reasonSays.alreadyAnswered, fieldErrors: {} });
    expect(await allReasons()).toEqual(after);
  });

  it.each([
    ["no reason chosen", {}, { message: reasonSays.choose, fieldErrors: { reason: reasonSays.choose } }],
    [
      "a reason that is not a choice",
      { reason: "Kari Nordmann, 912 34 567" },
      { message: reasonSays.choose, fieldErrors: { reason: reasonSays.choose } },
    ],
    [
      "the ticket of another purpose",
      { purposeKey: "order_sms", reason: "other" },
      { message: reasonSays.invalidToken },
    ],
    [
      "a forged ticket",
      { token: "eyJhbGciOiJIUzI1NiJ9.e30.forged", reason: "other" },
      { message: reasonSays.invalidToken },
    ],
    ["no ticket", { token: "", reason: "other" }, { message: reasonSays.invalidToken }],
    [
      "a customer id",
      { reason: "other", customerId: "someone" },
      { message: says.invalid, fieldErrors: { form: says.invalidField } },
    ],
  ] as const)("refuses %s, localised, and stores nothing", async (_name, fields, expected) => {
    const token = await withdraw("product_analytics");
    const before = await allReasons();
    const result = await giveWithdrawalReasonAction(
      null,
      reasonForm({ purposeKey: "product_analytics", token, ...fields }),
    );
    expect(result).toEqual({ ok: false, fieldErrors: {}, ...expected });
    expect(await allReasons()).toEqual(before);
  });

  it("asks to sign in again without a session, and stores nothing", async () => {
    const token = await withdraw("product_analytics");
    signedInWith(null);
    const before = await allReasons();
    expect(
      await giveWithdrawalReasonAction(null, reasonForm({ purposeKey: "product_analytics", token, reason: "other" })),
    ).toEqual({ ok: false, message: says.unauthenticated, fieldErrors: {} });
    expect(await allReasons()).toEqual(before);
  });
});
