import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { communicationChannels, communicationPreferences } from "@/db/schema";
import { givenCustomer } from "@/lib/testing/factories";
import { contactableChannels, contactOutcome, decideContact, mayContact } from "./may-contact";
import { setChannelForAllTopics } from "./set-channel-for-all-topics";
import { setCommunicationPreferences } from "./set-communication-preferences";
import { setConsent } from "@/lib/consent/set-consent";
import { givenConsent, givenConsentToVersion, givenPreferencePurposes, source } from "./preferences.test-support";

const DAY_MS = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  await givenPreferencePurposes();
});

describe("mayContact", () => {
  it("is false when the consent is off, even with the channel switched on for the topic", async () => {
    const kari = await givenCustomer("kari");
    expect(await mayContact(kari, "newsletter", "email")).toBe(false);
    // An explicit "email is fine for the newsletter" does not stand in for the consent.
    await setCommunicationPreferences(kari, { changes: [{ channel: "email", topic: "newsletter", allowed: false }] });
    await setCommunicationPreferences(kari, { changes: [{ channel: "email", topic: "newsletter", allowed: true }] });
    expect(await mayContact(kari, "newsletter", "email")).toBe(false);
    await givenConsent(kari, "newsletter", true);
    expect(await mayContact(kari, "newsletter", "email")).toBe(true);
    await givenConsent(kari, "newsletter", false);
    expect(await mayContact(kari, "newsletter", "email")).toBe(false);
  });

  it("is false when the consent is on and the channel is off for that topic, and only there", async () => {
    const kari = await givenCustomer("kari");
    await givenConsent(kari, "delivery_partner_sharing", true);
    await setCommunicationPreferences(kari, {
      changes: [{ channel: "sms", topic: "delivery_partner_sharing", allowed: false }],
    });
    expect(await mayContact(kari, "delivery_partner_sharing", "sms")).toBe(false);
    expect(await mayContact(kari, "delivery_partner_sharing", "email")).toBe(true);
    // Legitimate interest runs without a consent, so the SMS cell of surveys is still on.
    expect(await mayContact(kari, "service_surveys", "sms")).toBe(true);
  });

  it("is false for a legitimate-interest purpose the customer objected to, whatever the channel says", async () => {
    const kari = await givenCustomer("kari");
    expect(await mayContact(kari, "service_surveys", "email")).toBe(true);
    await givenConsent(kari, "service_surveys", false);
    expect(await mayContact(kari, "service_surveys", "email")).toBe(false);
    expect(await mayContact(kari, "service_surveys", "sms")).toBe(false);
    await givenConsent(kari, "service_surveys", true);
    expect(await mayContact(kari, "service_surveys", "sms")).toBe(true);
  });

  it("is false for an unknown channel, a channel the purpose does not use, and an unknown or unpublished purpose", async () => {
    const kari = await givenCustomer("kari");
    await givenConsent(kari, "newsletter", true);
    expect(await mayContact(kari, "newsletter", "fax")).toBe(false);
    expect(await mayContact(kari, "newsletter", "EMAIL")).toBe(false);
    expect(await mayContact(kari, "newsletter", "sms")).toBe(false);
    expect(await mayContact(kari, "no_such_purpose", "email")).toBe(false);
    expect(await mayContact(kari, "draft_digest", "email")).toBe(false);
    expect(await mayContact(kari, "old_digest", "email")).toBe(false);
    expect(await mayContact(kari, "product_analytics", "email")).toBe(false);
  });

  it("lets receipts through: a contract purpose may use the channels it offers", async () => {
    const kari = await givenCustomer("kari");
    expect(await mayContact(kari, "order_processing", "email")).toBe(true);
    expect(await mayContact(kari, "order_processing", "sms")).toBe(false);
    // "Nothing by email" is about topics; it does not silence order confirmations.
    await setChannelForAllTopics(kari, { channel: "email", allowed: false });
    expect(await mayContact(kari, "order_processing", "email")).toBe(true);
    expect(await mayContact(kari, "newsletter", "email")).toBe(false);
  });

  it("keeps to the channels of the version agreed to until the customer accepts the new one", async () => {
    const kari = await givenCustomer("kari");
    // Version 1 used email and push; version 2 adds post.
    await givenConsentToVersion(kari, "personalised_offers", 1);
    expect(await mayContact(kari, "personalised_offers", "email")).toBe(true);
    expect(await mayContact(kari, "personalised_offers", "push")).toBe(true);
    expect(await mayContact(kari, "personalised_offers", "post")).toBe(false);
    // Accepting version 2 through its prompt (a switch may not move her; see setConsent).
    await setConsent(kari, {
      purposeKey: "personalised_offers",
      purposeVersion: 2,
      granted: true,
      source,
      method: "reconsent_prompt",
      agreedVersion: 1,
    });
    expect(await mayContact(kari, "personalised_offers", "post")).toBe(true);
  });

  it("is false once a consent with a lifetime has expired", async () => {
    const kari = await givenCustomer("kari");
    await givenConsent(kari, "order_sms", true);
    expect(await mayContact(kari, "order_sms", "sms")).toBe(true);
    const later = new Date(Date.now() + 731 * DAY_MS);
    expect(await mayContact(kari, "order_sms", "sms", { now: later })).toBe(false);
  });

  it("reads only the customer's own preferences", async () => {
    const kari = await givenCustomer("kari");
    const ola = await givenCustomer("ola");
    await givenConsent(kari, "newsletter", true);
    await givenConsent(ola, "newsletter", true);
    await setChannelForAllTopics(kari, { channel: "email", allowed: false });
    expect(await mayContact(kari, "newsletter", "email")).toBe(false);
    expect(await mayContact(ola, "newsletter", "email")).toBe(true);
  });
});

describe("contactableChannels", () => {
  it("agrees with mayContact for every purpose and channel", async () => {
    const kari = await givenCustomer("kari");
    await givenConsent(kari, "newsletter", true);
    await givenConsent(kari, "order_sms", true);
    await givenConsentToVersion(kari, "personalised_offers", 1);
    await givenConsent(kari, "service_surveys", false);
    await setCommunicationPreferences(kari, { changes: [{ channel: "sms", topic: "order_sms", allowed: false }] });

    const db = await getDb();
    const channels = await contactableChannels(db, kari);
    expect(channels).toEqual({
      order_processing: ["email"],
      loyalty_programme: ["email"],
      order_sms: [],
      personalised_offers: ["email", "push"],
      newsletter: ["email"],
      delivery_partner_sharing: [],
      service_surveys: [],
    });
    for (const [purposeKey, allowed] of Object.entries(channels)) {
      for (const channel of communicationChannels) {
        expect(await mayContact(kari, purposeKey, channel), `${purposeKey} by ${channel}`).toBe(
          allowed.includes(channel),
        );
      }
    }
  });

  it("narrows to the purposes asked for", async () => {
    const kari = await givenCustomer("kari");
    await givenConsent(kari, "newsletter", true);
    const db = await getDb();
    expect(await contactableChannels(db, kari, { purposeKeys: ["newsletter", "no_such"] })).toEqual({
      newsletter: ["email"],
    });
  });

  it("ignores a stray preference row on a contract purpose", async () => {
    const kari = await givenCustomer("kari");
    const db = await getDb();
    await db
      .insert(communicationPreferences)
      .values({ customerId: kari.customerId, channel: "email", topic: "order_processing", allowed: false });
    expect((await contactableChannels(db, kari)).order_processing).toEqual(["email"]);
  });
});

describe("decideContact", () => {
  const consent = {
    purposeKey: "newsletter",
    legalBasis: "consent" as const,
    currentVersion: 2,
    allowed: true,
    status: "granted" as const,
    consentVersion: 2,
    needsReconsent: false,
    expiresAt: null,
    lastEventId: 1,
    restrictedSince: null,
  };

  it("puts the consent before the channel choice", () => {
    const off = { ...consent, allowed: false, status: "withdrawn" as const };
    expect(decideContact({ consent: off, agreedChannels: null, channel: "email", preference: true })).toEqual({
      allowed: false,
      blockedBy: "not_agreed",
    });
    expect(
      decideContact({
        consent: { ...off, status: "objected" },
        agreedChannels: null,
        channel: "email",
        preference: undefined,
      }),
    ).toEqual({ allowed: false, blockedBy: "objected" });
    expect(
      decideContact({
        consent: { ...consent, allowed: false, status: "restricted", restrictedSince: new Date() },
        agreedChannels: null,
        channel: "email",
        preference: true,
      }),
    ).toEqual({ allowed: false, blockedBy: "restricted" });
    expect(decideContact({ consent, agreedChannels: null, channel: "email", preference: false })).toEqual({
      allowed: false,
      blockedBy: "preference",
    });
    expect(decideContact({ consent, agreedChannels: null, channel: "email", preference: undefined })).toEqual({
      allowed: true,
      blockedBy: null,
    });
  });

  it("blocks a channel that is new in a version the customer has not accepted", () => {
    const older = { ...consent, consentVersion: 1, needsReconsent: true };
    expect(decideContact({ consent: older, agreedChannels: ["email"], channel: "post", preference: true })).toEqual({
      allowed: false,
      blockedBy: "needs_reconsent",
    });
    expect(decideContact({ consent: older, agreedChannels: ["email"], channel: "email", preference: true })).toEqual({
      allowed: true,
      blockedBy: null,
    });
  });
});

describe("contactOutcome", () => {
  const granted = {
    purposeKey: "personalised_offers",
    legalBasis: "consent" as const,
    currentVersion: 2,
    allowed: true,
    status: "granted" as const,
    consentVersion: 2,
    needsReconsent: false,
    expiresAt: null,
    lastEventId: 1,
    restrictedSince: null,
  };
  const off = (status: "withdrawn" | "not_asked" | "expired" | "objected") => ({
    ...granted,
    allowed: false,
    status,
    consentVersion: null,
  });
  const outcome = (
    consent: Parameters<typeof contactOutcome>[0]["consent"],
    preference: boolean | undefined,
    options: { channel?: "email" | "post"; agreedChannels?: string[] | null } = {},
  ) =>
    contactOutcome({
      consent,
      agreedChannels: options.agreedChannels ?? null,
      channel: options.channel ?? "email",
      preference,
    });

  it("is on when the consent allows it and the customer left the channel on", () => {
    expect(outcome(granted, undefined)).toEqual({
      allowed: true,
      blockedBy: null,
      chosen: true,
      heldBy: null,
      turnOn: null,
    });
  });

  it("is off by the customer's own choice, with nothing else holding it", () => {
    expect(outcome(granted, false)).toEqual({
      allowed: false,
      blockedBy: "preference",
      chosen: false,
      heldBy: null,
      turnOn: null,
    });
  });

  it("is held off by a consent never given or withdrawn, whatever the box says, and granting lifts it", () => {
    for (const status of ["not_asked", "withdrawn"] as const) {
      expect(outcome(off(status), true)).toEqual({
        allowed: false,
        blockedBy: "not_agreed",
        chosen: true,
        heldBy: "not_agreed",
        turnOn: { action: "grant" },
      });
    }
  });

  it("keeps the customer's own 'no' beside a hold, so agreeing would not turn the channel on", () => {
    expect(outcome(off("withdrawn"), false)).toMatchObject({
      allowed: false,
      chosen: false,
      heldBy: "not_agreed",
      turnOn: { action: "grant" },
    });
  });

  it("is held off by a consent that ran out, and agreeing again lifts it", () => {
    expect(outcome(off("expired"), undefined)).toMatchObject({
      allowed: false,
      heldBy: "expired",
      turnOn: { action: "grant" },
    });
  });

  it("is held off by an objection, and withdrawing the objection lifts it", () => {
    const objected = { ...off("objected"), legalBasis: "legitimate_interest" as const };
    expect(outcome(objected, undefined)).toMatchObject({
      heldBy: "objected",
      turnOn: { action: "withdraw_objection" },
    });
  });

  it("is held off by a restriction of use, and lifting the restriction lifts it", () => {
    const restricted = { ...granted, allowed: false, status: "restricted" as const, restrictedSince: new Date() };
    expect(outcome(restricted, true)).toMatchObject({
      allowed: false,
      chosen: true,
      heldBy: "restricted",
      turnOn: { action: "lift_restriction" },
    });
  });

  it("holds off a channel that only the published version offers, and agreeing to that version lifts it", () => {
    const older = { ...granted, consentVersion: 1, needsReconsent: true };
    const agreedChannels = ["email", "push"];
    expect(outcome(older, undefined, { channel: "post", agreedChannels })).toEqual({
      allowed: false,
      blockedBy: "needs_reconsent",
      chosen: true,
      heldBy: "needs_reconsent",
      turnOn: { action: "agree_to_version", version: 2 },
    });
    // A channel the agreed version already offered goes on as before.
    expect(outcome(older, undefined, { channel: "email", agreedChannels })).toMatchObject({
      allowed: true,
      heldBy: null,
    });
  });
});
