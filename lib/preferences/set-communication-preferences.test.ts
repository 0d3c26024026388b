import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { communicationChannels, communicationPreferences, dataChanges } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { listDataChanges } from "@/lib/profile/list-data-changes";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { getCommunicationPreferences } from "./get-communication-preferences";
import { mayContact } from "./may-contact";
import type { PreferenceChange } from "./preferences-schema";
import { setChannelForAllTopics } from "./set-channel-for-all-topics";
import { setCommunicationPreferences } from "./set-communication-preferences";
import {
  allPreferenceRows,
  givenConsent,
  givenConsentToVersion,
  givenPreferencePurposes,
  preferenceRowsOf,
} from "./preferences.test-support";

// The demo topics and the channels each uses (lib/demo/demo-purposes.ts).
const topicChannels = {
  order_sms: ["sms"],
  personalised_offers: ["email", "push", "post"],
  newsletter: ["email"],
  delivery_partner_sharing: ["email", "sms"],
  service_surveys: ["email", "sms"],
} as const;
const topicCount = Object.keys(topicChannels).length;
const smsTopics = ["delivery_partner_sharing", "order_sms", "service_surveys"];

beforeAll(async () => {
  await givenPreferencePurposes();
  // Existing rows, so that "writes nothing" compares non-empty tables.
  const existing = await givenCustomer("existing");
  await setChannelForAllTopics(existing, { channel: "post", allowed: false });
});

describe("getCommunicationPreferences", () => {
  it("lists each topic with a cell only for the channels it uses, all on by default", async () => {
    const kari = await givenCustomer("kari");
    const prefs = await getCommunicationPreferences(kari, "en");
    expect(Object.fromEntries(prefs.topics.map((t) => [t.key, t.cells.map((c) => c.channel)]))).toEqual({
      order_sms: ["sms"],
      personalised_offers: ["email", "push", "post"],
      newsletter: ["email"],
      delivery_partner_sharing: ["email", "sms"],
      service_surveys: ["email", "sms"],
    });
    expect(prefs.topics.every((t) => t.cells.every((c) => c.chosen))).toBe(true);
    expect(prefs.topics.find((t) => t.key === "newsletter")?.name).toBe("Newsletter");
    // Nothing agreed yet: only the legitimate-interest surveys may reach a new customer.
    const contactable = prefs.topics.flatMap((t) =>
      t.cells.filter((c) => c.contactable).map((c) => `${t.key}:${c.channel}`),
    );
    expect(contactable).toEqual(["service_surveys:email", "service_surveys:sms"]);
    expect(prefs.topics.find((t) => t.key === "newsletter")?.cells[0]?.blockedBy).toBe("not_agreed");
  });

  it("lists contract messages as always sent, with the reason, and never as topics", async () => {
    const kari = await givenCustomer("kari");
    const prefs = await getCommunicationPreferences(kari, "nb");
    expect(prefs.alwaysSent.map((p) => [p.key, p.legalBasis, p.channels])).toEqual([
      ["order_processing", "contract", ["email"]],
      ["loyalty_programme", "contract", ["email"]],
    ]);
    expect(prefs.alwaysSent[0]?.name).toBe("Behandling av bestillingene dine");
    expect(prefs.alwaysSent[0]?.reason).toMatch(/kan ikke slås av/);
    expect(prefs.topics.map((t) => t.key)).not.toContain("order_processing");
    expect(prefs.topics.map((t) => t.key)).not.toContain("product_analytics");
  });

  it("shows why a cell is off and sums each channel up", async () => {
    const kari = await givenCustomer("kari");
    await givenConsent(kari, "newsletter", true);
    await givenConsentToVersion(kari, "personalised_offers", 1);
    await givenConsent(kari, "service_surveys", false);
    await setCommunicationPreferences(kari, { changes: [{ channel: "email", topic: "newsletter", allowed: false }] });
    const prefs = await getCommunicationPreferences(kari, "en");
    const cell = (topic: string, channel: string) =>
      prefs.topics.find((t) => t.key === topic)?.cells.find((c) => c.channel === channel);
    expect(cell("newsletter", "email")).toEqual({
      channel: "email",
      chosen: false,
      contactable: false,
      blockedBy: "preference",
      heldBy: null,
      turnOn: null,
    });
    expect(cell("personalised_offers", "post")).toMatchObject({
      chosen: true,
      contactable: false,
      heldBy: "needs_reconsent",
      turnOn: { action: "agree_to_version", version: 2 },
    });
    expect(cell("personalised_offers", "email")).toMatchObject({ contactable: true, blockedBy: null, heldBy: null });
    expect(cell("service_surveys", "sms")).toMatchObject({
      chosen: true,
      heldBy: "objected",
      turnOn: { action: "withdraw_objection" },
    });
    expect(cell("order_sms", "sms")).toMatchObject({ chosen: true, heldBy: "not_agreed", turnOn: { action: "grant" } });
    // `contactable` counts what she gets; `held` the channels she allows that are off for another reason.
    expect(prefs.channels).toEqual([
      { channel: "email", topics: 4, chosen: 3, contactable: 1, held: 2 },
      { channel: "sms", topics: 3, chosen: 3, contactable: 0, held: 3 },
      { channel: "push", topics: 1, chosen: 1, contactable: 1, held: 0 },
      { channel: "post", topics: 1, chosen: 1, contactable: 0, held: 1 },
    ]);
  });

  it("is for customers only", async () => {
    await expect(getCommunicationPreferences(null, "en")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(getCommunicationPreferences(await givenStaff("agent"), "en")).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("setCommunicationPreferences", () => {
  it("writes the cells that change, in one go, and records one change for the customer", async () => {
    const kari = await givenCustomer("kari");
    const result = await setCommunicationPreferences(kari, {
      changes: [
        { channel: "email", topic: "newsletter", allowed: false },
        { channel: "sms", topic: "order_sms", allowed: false },
        // Already allowed (no row): not a change.
        { channel: "email", topic: "service_surveys", allowed: true },
      ],
    });
    expect(result.changed).toEqual([
      { channel: "email", topic: "newsletter", allowed: false },
      { channel: "sms", topic: "order_sms", allowed: false },
    ]);
    expect(await preferenceRowsOf(kari.customerId)).toEqual([
      { channel: "email", topic: "newsletter", allowed: false },
      { channel: "sms", topic: "order_sms", allowed: false },
    ]);
    const changes = await listDataChanges(kari);
    expect(changes.map((c) => [c.field, c.action])).toEqual([["communicationPreferences", "updated"]]);

    // Saving the same choices again changes nothing and records nothing.
    const again = await setCommunicationPreferences(kari, {
      changes: [{ channel: "email", topic: "newsletter", allowed: false }],
    });
    expect(again.changed).toEqual([]);
    expect(await listDataChanges(kari)).toHaveLength(1);

    const back = await setCommunicationPreferences(kari, {
      changes: [{ channel: "email", topic: "newsletter", allowed: true }],
    });
    expect(back.changed).toEqual([{ channel: "email", topic: "newsletter", allowed: true }]);
    expect(await preferenceRowsOf(kari.customerId)).toContainEqual({
      channel: "email",
      topic: "newsletter",
      allowed: true,
    });
  });

  it("accepts every cell of the grid at once", async () => {
    const kari = await givenCustomer("kari");
    const all: PreferenceChange[] = Object.entries(topicChannels).flatMap(([topic, channels]) =>
      channels.map((channel) => ({ channel, topic, allowed: false })),
    );
    expect((await setCommunicationPreferences(kari, { changes: all })).changed).toHaveLength(all.length);
    expect((await getCommunicationPreferences(kari, "en")).channels.every((c) => c.chosen === 0)).toBe(true);
  });

  it("changes one customer's choices only", async () => {
    const kari = await givenCustomer("kari");
    const ola = await givenCustomer("ola");
    await setCommunicationPreferences(ola, { changes: [{ channel: "sms", topic: "service_surveys", allowed: false }] });
    const olaBefore = await preferenceRowsOf(ola.customerId);
    await setCommunicationPreferences(kari, {
      changes: [
        { channel: "sms", topic: "service_surveys", allowed: true },
        { channel: "email", topic: "service_surveys", allowed: false },
      ],
    });
    expect(await preferenceRowsOf(ola.customerId)).toEqual(olaBefore);
    expect(await mayContact(ola, "service_surveys", "email")).toBe(true);
    expect(await mayContact(ola, "service_surveys", "sms")).toBe(false);
    expect(await mayContact(kari, "service_surveys", "email")).toBe(false);
    expect((await getCommunicationPreferences(ola, "en")).channels.find((c) => c.channel === "email")?.chosen).toBe(4);
  });

  it("leaves one row per cell when saves race", async () => {
    const kari = await givenCustomer("kari");
    const cells = [
      { channel: "email", topic: "newsletter" },
      { channel: "sms", topic: "order_sms" },
      { channel: "email", topic: "delivery_partner_sharing" },
    ] as const;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        setCommunicationPreferences(kari, { changes: cells.map((c) => ({ ...c, allowed: i % 2 === 1 })) }),
      ),
    );
    const rows = await preferenceRowsOf(kari.customerId);
    expect(rows).toHaveLength(cells.length);
    // Serialised per customer: the stored state is the last writer's, for every cell alike.
    expect(new Set(rows.map((r) => r.allowed)).size).toBe(1);
    expect(results.some((r) => r.changed.length === cells.length)).toBe(true);
  });
});

describe("setChannelForAllTopics", () => {
  it("'Nothing by SMS' turns SMS off for every topic in one call and changes nothing else", async () => {
    const kari = await givenCustomer("kari");
    await givenConsent(kari, "order_sms", true);
    await givenConsent(kari, "delivery_partner_sharing", true);
    await setCommunicationPreferences(kari, { changes: [{ channel: "email", topic: "newsletter", allowed: false }] });
    const before = await preferenceRowsOf(kari.customerId);

    const result = await setChannelForAllTopics(kari, { channel: "sms", allowed: false });
    expect(result.topics).toBe(3);
    expect(result.changed.map((c) => c.topic).sort()).toEqual(smsTopics);
    const rows = await preferenceRowsOf(kari.customerId);
    expect(rows.filter((r) => r.channel === "sms")).toEqual(
      smsTopics.map((topic) => ({ channel: "sms", topic, allowed: false })),
    );
    expect(rows.filter((r) => r.channel !== "sms")).toEqual(before);
    for (const topic of smsTopics) expect(await mayContact(kari, topic, "sms")).toBe(false);
    expect(await mayContact(kari, "delivery_partner_sharing", "email")).toBe(true);
    const sms = (await getCommunicationPreferences(kari, "en")).channels.find((c) => c.channel === "sms");
    expect(sms).toEqual({ channel: "sms", topics: 3, chosen: 0, contactable: 0, held: 0 });

    // Again: nothing left to change.
    expect((await setChannelForAllTopics(kari, { channel: "sms", allowed: false })).changed).toEqual([]);

    const back = await setChannelForAllTopics(kari, { channel: "sms", allowed: true });
    expect(back.changed).toHaveLength(3);
    expect(await mayContact(kari, "order_sms", "sms")).toBe(true);
    expect(await mayContact(kari, "newsletter", "email")).toBe(false);
  });

  it("never touches another customer", async () => {
    const kari = await givenCustomer("kari");
    const ola = await givenCustomer("ola");
    await setChannelForAllTopics(kari, { channel: "email", allowed: false });
    expect(await preferenceRowsOf(ola.customerId)).toEqual([]);
  });
});

type Refusal = { name: string; input: unknown; messageKey: string };

const tooMany: PreferenceChange[] = Array.from({ length: topicCount * communicationChannels.length + 1 }, (_, i) => ({
  channel: communicationChannels[i % communicationChannels.length]!,
  topic: `topic_${i}`,
  allowed: false,
}));

const refusals: Refusal[] = [
  {
    name: "an unknown channel",
    input: { changes: [{ channel: "fax", topic: "newsletter", allowed: false }] },
    messageKey: "unknownChannel",
  },
  {
    name: "an unknown topic",
    input: { changes: [{ channel: "email", topic: "no_such_topic", allowed: false }] },
    messageKey: "unknownTopic",
  },
  {
    name: "a topic that does not use the channel",
    input: { changes: [{ channel: "sms", topic: "newsletter", allowed: false }] },
    messageKey: "channelNotUsed",
  },
  {
    name: "a contract purpose as topic",
    input: { changes: [{ channel: "email", topic: "order_processing", allowed: false }] },
    messageKey: "notOptional",
  },
  {
    name: "a purpose that sends nothing",
    input: { changes: [{ channel: "email", topic: "product_analytics", allowed: false }] },
    messageKey: "channelNotUsed",
  },
  {
    name: "a draft purpose",
    input: { changes: [{ channel: "email", topic: "draft_digest", allowed: false }] },
    messageKey: "unknownTopic",
  },
  {
    name: "a retired purpose",
    input: { changes: [{ channel: "email", topic: "old_digest", allowed: false }] },
    messageKey: "unknownTopic",
  },
  { name: "more cells than topics × channels", input: { changes: tooMany }, messageKey: "tooManyChanges" },
  {
    name: "the same cell twice",
    input: {
      changes: [
        { channel: "email", topic: "newsletter", allowed: false },
        { channel: "email", topic: "newsletter", allowed: true },
      ],
    },
    messageKey: "duplicateCells",
  },
  {
    name: "another customer's id",
    input: { customerId: randomUUID(), changes: [{ channel: "email", topic: "newsletter", allowed: false }] },
    messageKey: "invalid",
  },
  {
    name: "a customer id inside a change",
    input: { changes: [{ channel: "email", topic: "newsletter", allowed: false, customerId: randomUUID() }] },
    messageKey: "invalid",
  },
  { name: "no changes", input: { changes: [] }, messageKey: "noChanges" },
  {
    name: "one valid change and one invalid: nothing is written",
    input: {
      changes: [
        { channel: "email", topic: "newsletter", allowed: false },
        { channel: "email", topic: "order_processing", allowed: false },
      ],
    },
    messageKey: "notOptional",
  },
];

describe("refused input", () => {
  it.each(refusals)("refuses $name and writes nothing", async ({ input, messageKey }) => {
    const kari = await givenCustomer("kari");
    const before = await allPreferenceRows();
    const error = await setCommunicationPreferences(kari, input as { changes: PreferenceChange[] }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid", messageKey });
    expect(await allPreferenceRows()).toEqual(before);
  });

  it.each([
    { name: "an unknown channel", input: { channel: "fax", allowed: false }, messageKey: "unknownChannel" },
    {
      name: "a customer id",
      input: { channel: "sms", allowed: false, customerId: randomUUID() },
      messageKey: "invalid",
    },
    { name: "a text for allowed", input: { channel: "sms", allowed: "false" }, messageKey: "invalid" },
  ])("refuses 'all topics' with $name and writes nothing", async ({ input, messageKey }) => {
    const kari = await givenCustomer("kari");
    const before = await allPreferenceRows();
    const error = await setChannelForAllTopics(kari, input as never).catch((e) => e);
    expect(error).toMatchObject({ code: "invalid", messageKey });
    expect(await allPreferenceRows()).toEqual(before);
  });

  const actors: { name: string; actor: () => Promise<Actor | null>; code: string }[] = [
    { name: "no actor", actor: async () => null, code: "unauthenticated" },
    { name: "a support agent", actor: () => givenStaff("agent"), code: "forbidden" },
    { name: "a product team member", actor: () => givenStaff("product"), code: "forbidden" },
    {
      name: "a customer actor without a customer row",
      actor: async () => ({ kind: "customer", userId: randomUUID(), customerId: randomUUID() }),
      code: "unauthenticated",
    },
  ];

  it.each(actors)("refuses $name and writes nothing", async ({ actor, code }) => {
    const who = await actor();
    const before = await allPreferenceRows();
    await expect(
      setCommunicationPreferences(who, { changes: [{ channel: "email", topic: "newsletter", allowed: false }] }),
    ).rejects.toMatchObject({ code });
    await expect(setChannelForAllTopics(who, { channel: "sms", allowed: false })).rejects.toMatchObject({ code });
    expect(await allPreferenceRows()).toEqual(before);
  });

  it("has rows to compare against", async () => {
    const db = await getDb();
    expect((await db.select().from(communicationPreferences)).length).toBeGreaterThan(0);
    expect((await db.select().from(dataChanges)).length).toBeGreaterThan(0);
  });
});
