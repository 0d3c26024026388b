import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { addresses, customers, dataChanges } from "@/db/schema";
import { allProfileRows, givenAddress } from "@/lib/profile/profile.test-support";
import { givenCustomer, givenSession, givenStaff } from "@/lib/testing/factories";
import { request, signedInWith } from "@/lib/testing/action-mocks";
import { makePrimaryAddressAction, removeAddressAction, saveAddressAction, updateProfileAction } from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/action-mocks"));
vi.mock("next/cache", () => import("@/lib/testing/action-mocks"));
vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));

// What the customer reads (messages/en/).
const says = {
  invalid: "Please check what you entered.",
  notFound: "We could not find that.",
  unauthenticated: "Your session has ended. Please sign in again.",
  forbidden: "You are not allowed to do that.",
  saved: "Your details are saved.",
  noMarkup: "Remove the characters < and > and any control characters.",
};

function form(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  return formData;
}

const details = { givenName: "Kari", familyName: "Nordmann", phone: "+47 912 34 567" };
const address = { label: "home", line1: "Storgata 12B", line2: "", postcode: "0184", city: "Oslo", country: "NO" };

let kari: Awaited<ReturnType<typeof givenCustomer>>;
let ola: Awaited<ReturnType<typeof givenCustomer>>;
let kariHome: Awaited<ReturnType<typeof givenAddress>>;
let olaHome: Awaited<ReturnType<typeof givenAddress>>;

beforeAll(async () => {
  kari = await givenCustomer("kari");
  ola = await givenCustomer("ola");
  kariHome = await givenAddress(kari.customerId, { line1: "Storgata 12B", isPrimary: true });
  olaHome = await givenAddress(ola.customerId, { line1: "Kongens gate 5", postcode: "7011", isPrimary: true });
});

beforeEach(async () => {
  vi.mocked(revalidatePath).mockClear();
  request.locale = "en";
  signedInWith(await givenSession(kari.userId));
});

type Action = typeof updateProfileAction;

/** Refused, with the expected messages, and not one row changed anywhere. */
async function expectRefused(action: Action, fields: Record<string, string>, expected: object) {
  const before = await allProfileRows();
  expect(await action(null, form(fields))).toMatchObject({ ok: false, ...expected });
  expect(await allProfileRows()).toEqual(before);
  expect(revalidatePath).not.toHaveBeenCalled();
}

async function customerRow(customerId: string) {
  const db = await getDb();
  const [row] = await db.select().from(customers).where(eq(customers.id, customerId));
  return row!;
}

describe("updateProfileAction", () => {
  it("saves the signed-in customer's details, normalised, and records the change", async () => {
    expect(await updateProfileAction(null, form({ ...details, phone: "912 34 567" }))).toEqual({
      ok: true,
      message: says.saved,
    });
    expect(await customerRow(kari.customerId)).toMatchObject({ ...details, phone: "+47 912 34 567" });
    const db = await getDb();
    const changes = await db.select().from(dataChanges).where(eq(dataChanges.customerId, kari.customerId));
    expect(changes.map((c) => [c.field, c.action])).toEqual(
      expect.arrayContaining([
        ["givenName", "updated"],
        ["phone", "added"],
      ]),
    );
    expect(revalidatePath).toHaveBeenCalledWith("/account", "layout");
  });

  it.each([
    ["an empty given name", { givenName: "" }, { givenName: "Enter your given name." }],
    ["a name over 80 characters", { familyName: "N".repeat(81) }, { familyName: "Use at most 80 characters." }],
    [
      "digits in a name",
      { familyName: "Nordmann3" },
      { familyName: "Use letters, spaces, hyphens and apostrophes only." },
    ],
    [
      "an invalid phone number",
      { phone: "12ab" },
      { phone: "Enter a phone number like +47 912 34 567, or + followed by 8 to 15 digits." },
    ],
    ["a short Norwegian number", { phone: "+47 1234 567" }, { phone: "A Norwegian number has 8 digits after +47." }],
  ])("refuses %s with a field error and keeps what was typed", async (_name, change, fieldErrors) => {
    const fields = { ...details, givenName: "Changed", ...change };
    await expectRefused(updateProfileAction, fields, { message: says.invalid, fieldErrors, values: fields });
  });

  it("refuses every bad field at once and changes none of them", async () => {
    await expectRefused(
      updateProfileAction,
      { givenName: "", familyName: "<b>", phone: "0" },
      {
        fieldErrors: {
          givenName: "Enter your given name.",
          familyName: says.noMarkup,
          phone: "Enter a phone number like +47 912 34 567, or + followed by 8 to 15 digits.",
        },
      },
    );
  });

  for (const field of ["givenName", "familyName", "phone"]) {
    it.each(["<script>alert(1)</script>", '"><svg onload=alert(1)>', "Kari\u0007"])(
      `refuses the payload %j in ${field}`,
      async (payload) => {
        await expectRefused(
          updateProfileAction,
          { ...details, [field]: payload },
          {
            fieldErrors: { [field]: says.noMarkup },
          },
        );
      },
    );
  }

  it("gives field errors in Norwegian to a Norwegian reader", async () => {
    request.locale = "nb";
    await expectRefused(
      updateProfileAction,
      { ...details, givenName: "" },
      {
        message: "Sjekk det du har fylt inn.",
        fieldErrors: { givenName: "Skriv inn fornavnet ditt." },
      },
    );
  });

  it("refuses another customer's id in the form", async () => {
    await expectRefused(
      updateProfileAction,
      { ...details, givenName: "Hijack", customerId: ola.customerId },
      {
        message: says.invalid,
        fieldErrors: { form: "This value is not valid." },
      },
    );
  });

  it("asks to sign in again without a session", async () => {
    signedInWith(null);
    await expectRefused(updateProfileAction, details, { message: says.unauthenticated, fieldErrors: {} });
  });

  it("refuses a support agent", async () => {
    signedInWith(await givenSession((await givenStaff("agent")).userId));
    await expectRefused(updateProfileAction, details, { message: says.forbidden, fieldErrors: {} });
  });
});

describe("saveAddressAction", () => {
  it("adds an address and corrects it", async () => {
    expect(await saveAddressAction(null, form({ ...address, label: "work", line1: "Jobbgata 1" }))).toEqual({
      ok: true,
      message: "The address is added.",
    });
    const db = await getDb();
    const [added] = await db.select().from(addresses).where(eq(addresses.line1, "Jobbgata 1"));
    expect(added).toMatchObject({ customerId: kari.customerId, label: "work", isPrimary: false, line2: null });
    expect(
      await saveAddressAction(null, form({ ...address, id: added!.id, line1: "Jobbgata 2", makePrimary: "on" })),
    ).toEqual({ ok: true, message: "The address is saved." });
    const [corrected] = await db.select().from(addresses).where(eq(addresses.id, added!.id));
    expect(corrected).toMatchObject({ line1: "Jobbgata 2", label: "home", isPrimary: true });
    expect(revalidatePath).toHaveBeenCalledWith("/account", "layout");
    // Put Kari's primary back for the other tests.
    await makePrimaryAddressAction(null, form({ id: kariHome.id }));
    await removeAddressAction(null, form({ id: added!.id }));
  });

  it.each([
    [
      "a 3-digit Norwegian postcode",
      { postcode: "018" },
      { postcode: "A Norwegian postcode has 4 digits, like 0184." },
    ],
    [
      "letters in a Norwegian postcode",
      { postcode: "O184" },
      { postcode: "A Norwegian postcode has 4 digits, like 0184." },
    ],
    ["an empty street address", { line1: "" }, { line1: "Enter the street address." }],
    ["a street address over 100 characters", { line1: "x".repeat(101) }, { line1: "Use at most 100 characters." }],
    ["a second line over 100 characters", { line2: "x".repeat(101) }, { line2: "Use at most 100 characters." }],
    ["a city over 60 characters", { city: "x".repeat(61) }, { city: "Use at most 60 characters." }],
    ["an unknown country", { country: "ZZ" }, { country: "Choose a country from the list." }],
    ["an unknown label", { label: "secret" }, { label: "Choose home, work or other." }],
  ])("refuses %s with a field error", async (_name, change, fieldErrors) => {
    await expectRefused(
      saveAddressAction,
      { ...address, id: kariHome.id, ...change },
      { message: says.invalid, fieldErrors },
    );
    await expectRefused(saveAddressAction, { ...address, ...change }, { message: says.invalid, fieldErrors });
  });

  for (const field of ["line1", "line2", "postcode", "city"]) {
    it.each(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "Oslo\u0000"])(
      `refuses the payload %j in ${field}`,
      async (payload) => {
        await expectRefused(
          saveAddressAction,
          { ...address, id: kariHome.id, [field]: payload },
          {
            fieldErrors: { [field]: says.noMarkup },
          },
        );
      },
    );
  }

  it("answers not found for Ola's address id and leaves his address as it was", async () => {
    await expectRefused(
      saveAddressAction,
      { ...address, id: olaHome.id, line1: "Hijacked 1" },
      {
        message: says.notFound,
        fieldErrors: {},
      },
    );
    await expectRefused(saveAddressAction, { ...address, id: randomUUID() }, { message: says.notFound });
  });

  it("refuses a forged customer id", async () => {
    await expectRefused(
      saveAddressAction,
      { ...address, customerId: ola.customerId },
      {
        fieldErrors: { form: "This value is not valid." },
      },
    );
  });

  it("refuses a sixth address with its own message", async () => {
    const db = await getDb();
    const extra = await db
      .insert(addresses)
      .values(
        ["A", "B", "C", "D"].map((n) => ({
          customerId: kari.customerId,
          label: "other" as const,
          line1: n,
          postcode: "0184",
          city: "Oslo",
        })),
      )
      .returning({ id: addresses.id });
    await expectRefused(saveAddressAction, address, {
      message: "You already have 5 addresses, which is the most you can have. Remove one first.",
    });
    for (const { id } of extra) await db.delete(addresses).where(eq(addresses.id, id));
  });

  it("refuses a product team member", async () => {
    signedInWith(await givenSession((await givenStaff("product")).userId));
    await expectRefused(saveAddressAction, address, { message: says.forbidden });
  });
});

describe("removeAddressAction and makePrimaryAddressAction", () => {
  it("remove Kari's own address, and make another primary", async () => {
    const spare = await givenAddress(kari.customerId, { label: "other", line1: "Hytteveien 1" });
    expect(await makePrimaryAddressAction(null, form({ id: spare.id }))).toEqual({
      ok: true,
      message: "Your primary address is changed.",
    });
    expect(await removeAddressAction(null, form({ id: spare.id }))).toEqual({
      ok: true,
      message: "The address is removed. Your oldest remaining address is now your primary address.",
    });
    const db = await getDb();
    expect(await db.select().from(addresses).where(eq(addresses.customerId, kari.customerId))).toEqual([
      { ...kariHome, isPrimary: true },
    ]);
  });

  it.each([
    ["remove", removeAddressAction],
    ["make primary", makePrimaryAddressAction],
  ])("%s answers not found for Ola's id and a made-up one", async (_name, action) => {
    await expectRefused(action, { id: olaHome.id }, { message: says.notFound, fieldErrors: {} });
    await expectRefused(action, { id: randomUUID() }, { message: says.notFound, fieldErrors: {} });
  });

  it.each([
    ["remove", removeAddressAction],
    ["make primary", makePrimaryAddressAction],
  ])("%s refuses a forged customer id and an anonymous post", async (_name, action) => {
    await expectRefused(action, { id: kariHome.id, customerId: kari.customerId }, { message: says.invalid });
    signedInWith(null);
    await expectRefused(action, { id: kariHome.id }, { message: says.unauthenticated });
  });
});
