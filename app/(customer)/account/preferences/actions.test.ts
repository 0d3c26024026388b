import { revalidatePath } from "next/cache";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { givenCustomer, givenSession, givenStaff } from "@/lib/testing/factories";
import { allPreferenceRows, givenPreferencePurposes, preferenceRowsOf } from "@/lib/preferences/preferences.test-support";
import { request } from "@/lib/testing/action-mocks";
import { savePreferencesAction, setChannelAction } from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/action-mocks"));
vi.mock("next/cache", () => import("@/lib/testing/action-mocks"));
vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));

// What the customer reads (messages/en/preferences.json, core.json).
const says = {
  invalid: "Your choices could not be read, so nothing was changed. Reload the page and try again.",
  invalidCell: "One of the choices is not on this page, so nothing was changed. Reload the page and try again.",
  unknownChannel: "We do not contact anyone by that channel, so nothing was changed.",
  unknownTopic: "One of the topics does not exist or is no longer in use, so nothing was changed.",
  notOptional:
    "Order confirmations, receipts and other messages we must send cannot be switched off here, so nothing was changed.",
  channelNotUsed: "We do not send that topic by that channel, so nothing was changed.",
  duplicateCells: "The same choice was sent twice, so nothing was changed. Reload the page and try again.",
  noChanges: "No choices were sent, so nothing was changed.",
  unauthenticated: "Your session has ended. Please sign in again.",
  forbidden: "You are not allowed to do that.",
};

function form(entries: [string, string][]) {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return formData;
}

// The grid as the page posts it: every cell shown, the ticked ones again as "allowed".
const grid = [
  "sms:order_sms",
  "email:personalised_offers",
  "push:personalised_offers",
  "post:personalised_offers",
  "email:newsletter",
  "email:delivery_partner_sharing",
  "sms:delivery_partner_sharing",
  "email:service_surveys",
  "sms:service_surveys",
];
const gridWithout = (...off: string[]): [string, string][] => [
  ...grid.map((cell): [string, string] => ["cell", cell]),
  ...grid.filter((cell) => !off.includes(cell)).map((cell): [string, string] => ["allowed", cell]),
];

let kari: Awaited<ReturnType<typeof givenCustomer>>;

beforeAll(async () => {
  await givenPreferencePurposes();
});

beforeEach(async () => {
  vi.mocked(revalidatePath).mockClear();
  kari = await givenCustomer("kari");
  request.cookies.clear();
  request.cookies.set("authjs.session-token", await givenSession(kari.userId));
});

describe("savePreferencesAction", () => {
  it("saves the unticked cells as off and says what changed", async () => {
    expect(await savePreferencesAction(null, form(gridWithout("email:newsletter", "sms:order_sms")))).toEqual({
      ok: true,
      changed: [
        { channel: "sms", topic: "order_sms", allowed: false },
        { channel: "email", topic: "newsletter", allowed: false },
      ],
    });
    expect(await preferenceRowsOf(kari.customerId)).toEqual([
      { channel: "email", topic: "newsletter", allowed: false },
      { channel: "sms", topic: "order_sms", allowed: false },
    ]);
    expect(revalidatePath).toHaveBeenCalledWith("/account", "layout");

    // Ticking them again puts them back; an unchanged form changes nothing.
    expect(await savePreferencesAction(null, form(gridWithout()))).toMatchObject({ ok: true, changed: [{}, {}] });
    vi.mocked(revalidatePath).mockClear();
    expect(await savePreferencesAction(null, form(gridWithout()))).toEqual({ ok: true, changed: [] });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("reads a single cell and no ticks at all", async () => {
    expect(await savePreferencesAction(null, form([["cell", "email:newsletter"]]))).toEqual({
      ok: true,
      changed: [{ channel: "email", topic: "newsletter", allowed: false }],
    });
  });

  it.each([
    { name: "an unknown channel", entries: [["cell", "fax:newsletter"]], message: says.unknownChannel },
    { name: "a cell without a channel", entries: [["cell", "newsletter"]], message: says.invalidCell },
    { name: "an unknown topic", entries: [["cell", "email:no_such_topic"]], message: says.unknownTopic },
    { name: "a contract purpose", entries: [["cell", "email:order_processing"]], message: says.notOptional },
    { name: "a channel the topic does not use", entries: [["cell", "sms:newsletter"]], message: says.channelNotUsed },
    {
      name: "a duplicate cell",
      entries: [
        ["cell", "email:newsletter"],
        ["cell", "email:newsletter"],
      ],
      message: says.duplicateCells,
    },
    {
      name: "a tick for a cell that is not shown",
      entries: [
        ["cell", "email:newsletter"],
        ["allowed", "sms:order_sms"],
      ],
      message: says.invalidCell,
    },
    {
      name: "a forged customer id",
      entries: [...gridWithout("email:newsletter"), ["customerId", "x"]],
      message: says.invalid,
    },
    { name: "nothing at all", entries: [], message: says.noChanges },
  ] as { name: string; entries: [string, string][]; message: string }[])(
    "refuses $name with a localised message and writes nothing",
    async ({ entries, message }) => {
      const before = await allPreferenceRows();
      expect(await savePreferencesAction(null, form(entries))).toEqual({
        ok: false,
        message,
        fieldErrors: { form: message },
      });
      expect(await allPreferenceRows()).toEqual(before);
      expect(revalidatePath).not.toHaveBeenCalled();
    },
  );

  it("asks to sign in again without a session, and refuses staff", async () => {
    request.cookies.clear();
    expect(await savePreferencesAction(null, form(gridWithout("email:newsletter")))).toEqual({
      ok: false,
      message: says.unauthenticated,
      fieldErrors: {},
    });
    request.cookies.set("authjs.session-token", await givenSession((await givenStaff("agent")).userId));
    expect(await savePreferencesAction(null, form(gridWithout("email:newsletter")))).toEqual({
      ok: false,
      message: says.forbidden,
      fieldErrors: {},
    });
  });
});

describe("setChannelAction", () => {
  it("turns SMS off for every topic in one post, and on again", async () => {
    expect(
      await setChannelAction(
        null,
        form([
          ["channel", "sms"],
          ["allowed", "false"],
        ]),
      ),
    ).toEqual({ ok: true, channel: "sms", allowed: false, changed: 3 });
    expect(await preferenceRowsOf(kari.customerId)).toEqual([
      { channel: "sms", topic: "delivery_partner_sharing", allowed: false },
      { channel: "sms", topic: "order_sms", allowed: false },
      { channel: "sms", topic: "service_surveys", allowed: false },
    ]);
    expect(
      await setChannelAction(
        null,
        form([
          ["channel", "sms"],
          ["allowed", "true"],
        ]),
      ),
    ).toEqual({ ok: true, channel: "sms", allowed: true, changed: 3 });
  });

  it.each([
    {
      name: "an unknown channel",
      entries: [
        ["channel", "fax"],
        ["allowed", "false"],
      ],
      message: says.unknownChannel,
    },
    {
      name: "a bad allowed value",
      entries: [
        ["channel", "sms"],
        ["allowed", "no"],
      ],
      message: says.invalid,
    },
    {
      name: "a forged customer id",
      entries: [
        ["channel", "sms"],
        ["allowed", "false"],
        ["customerId", "x"],
      ],
      message: says.invalid,
    },
  ] as { name: string; entries: [string, string][]; message: string }[])(
    "refuses $name and writes nothing",
    async ({ entries, message }) => {
      const before = await allPreferenceRows();
      expect(await setChannelAction(null, form(entries))).toEqual({
        ok: false,
        message,
        fieldErrors: { form: message },
      });
      expect(await allPreferenceRows()).toEqual(before);
    },
  );
});
