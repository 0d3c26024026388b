import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { demoPurposes, demoRetiredPurposes } from "@/lib/demo/demo-purposes";
import { AppError } from "@/lib/errors";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { listCustomerPurposes } from "./list-customer-purposes";
import { setConsent, type ConsentSource } from "./set-consent";

const source: ConsentSource = { channel: "web", userAgent: "vitest", locale: "en" };
const newsletter = demoPurposes.find((p) => p.key === "newsletter")!;
// A consent purpose of this file's own, which one test moves to a new version.
const surveyKey = "survey_invites";

const consentKeys = [...demoPurposes.filter((p) => p.legalBasis === "consent").map((p) => p.key), surveyKey];
const requiredKeys = ["order_processing", "bookkeeping", "loyalty_programme"];
const objectableKeys = ["service_surveys"];

beforeAll(async () => {
  await givenPublishedPurposes();
  const db = await getDb();
  await db.insert(purposes).values([
    { ...newsletter, key: "loyalty_club", status: "draft" },
    { ...newsletter, key: "sms_marketing", status: "retired" },
    { ...newsletter, key: surveyKey, status: "published", sortOrder: 100 },
  ]);
});

function entry(list: Awaited<ReturnType<typeof listCustomerPurposes>>, key: string) {
  const found = list.find((p) => p.key === key);
  if (!found) throw new Error(`purpose ${key} is not listed`);
  return found;
}

async function refusal(actor: Actor | null) {
  const error = await listCustomerPurposes(actor, "en").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe("listCustomerPurposes", () => {
  it("shows a new customer every published purpose, consent ones off and required ones as not switchable", async () => {
    const list = await listCustomerPurposes(await givenCustomer("new"), "en");

    expect(list.map((p) => p.key).sort()).toEqual([...consentKeys, ...requiredKeys, ...objectableKeys].sort());
    for (const key of consentKeys) {
      expect(entry(list, key)).toMatchObject({
        switchable: true,
        granted: false,
        status: "not_asked",
        changedAt: null,
        needsReconsent: false,
      });
    }
    // Legitimate interest: in use until the customer objects.
    for (const key of objectableKeys) {
      expect(entry(list, key)).toMatchObject({ switchable: false, objectable: true, granted: true, status: "in_use" });
    }
    for (const key of requiredKeys) {
      expect(entry(list, key)).toMatchObject({ switchable: false, granted: null, changedAt: null });
    }
  });

  it("does not list draft or retired purposes", async () => {
    const keys = (await listCustomerPurposes(await givenCustomer("drafts"), "en")).map((p) => p.key);
    expect(keys).not.toContain("loyalty_club");
    expect(keys).not.toContain("sms_marketing");
  });

  it("shows the customer's own choice and never another customer's", async () => {
    const anna = await givenCustomer("anna");
    const bjorn = await givenCustomer("bjorn");
    const changed = await setConsent(bjorn, { purposeKey: "newsletter", purposeVersion: 1, granted: true, source });

    expect(entry(await listCustomerPurposes(bjorn, "en"), "newsletter")).toMatchObject({
      granted: true,
      changedAt: changed.changedAt,
    });
    expect(entry(await listCustomerPurposes(anna, "en"), "newsletter")).toMatchObject({
      granted: false,
      changedAt: null,
    });
  });

  it("gives the texts in the requested locale", async () => {
    const customer = await givenCustomer("texts");
    expect(entry(await listCustomerPurposes(customer, "nb"), "newsletter").name).toBe("Nyhetsbrev");
    expect(entry(await listCustomerPurposes(customer, "en"), "newsletter").name).toBe("Newsletter");
    expect(entry(await listCustomerPurposes(customer, "nb"), "order_processing").name).toBe(
      "Behandling av bestillingene dine",
    );
  });

  it("keeps a consent to an older version on that version and asks again, never assuming the new one", async () => {
    const customer = await givenCustomer("versions");
    await setConsent(customer, { purposeKey: surveyKey, purposeVersion: 1, granted: true, source });
    const db = await getDb();
    await db
      .update(purposes)
      .set({ status: "retired" })
      .where(and(eq(purposes.key, surveyKey), eq(purposes.version, 1)));
    await db
      .insert(purposes)
      .values({ ...newsletter, key: surveyKey, version: 2, status: "published", sortOrder: 100 });

    expect(entry(await listCustomerPurposes(customer, "en"), surveyKey)).toMatchObject({
      version: 2,
      granted: true,
      consentVersion: 1,
      needsReconsent: true,
      // The two versions differ only in their number: nothing to tell but that.
      versionChange: { agreedVersion: 1, agreedAt: expect.any(Date), changes: [] },
    });
    // Answering the prompt moves the consent to version 2.
    await setConsent(customer, {
      purposeKey: surveyKey,
      purposeVersion: 2,
      granted: true,
      source,
      method: "reconsent_prompt",
      agreedVersion: 1,
    });
    expect(entry(await listCustomerPurposes(customer, "en"), surveyKey)).toMatchObject({
      version: 2,
      granted: true,
      consentVersion: null,
      needsReconsent: false,
      lastChange: { action: "granted", method: "reconsent_prompt", gpc: false },
      versionChange: null,
    });
  });

  it("tells what the published version changes from the one agreed to, in the customer's language", async () => {
    const customer = await givenCustomer("offers");
    const key = "offers_changes";
    const db = await getDb();
    const v1 = demoRetiredPurposes.find((p) => p.key === "personalised_offers")!;
    const v2 = demoPurposes.find((p) => p.key === "personalised_offers")!;
    await db.insert(purposes).values({ ...v1, key, status: "published", sortOrder: 102 });
    await setConsent(customer, { purposeKey: key, purposeVersion: 1, granted: true, source });
    await db
      .update(purposes)
      .set({ status: "retired" })
      .where(and(eq(purposes.key, key), eq(purposes.version, 1)));
    await db.insert(purposes).values({ ...v2, key, status: "published", sortOrder: 102 });

    const pending = entry(await listCustomerPurposes(customer, "nb"), key);
    expect(pending).toMatchObject({ granted: true, status: "granted", needsReconsent: true });
    expect(pending.versionChange?.agreedVersion).toBe(1);
    expect(
      pending.versionChange?.changes.map((c) => (c.kind === "text" || c.kind === "list" ? c.field : c.kind)),
    ).toEqual(["description", "dataCategories", "channels", "lifetime"]);
    expect(pending.versionChange?.changes[0]).toMatchObject({
      before: v1.texts.nb.description,
      after: v2.texts.nb.description,
    });
    // Nobody else is asked: a customer who never agreed sees version 2 as it is.
    expect(entry(await listCustomerPurposes(await givenCustomer("never"), "nb"), key).versionChange).toBeNull();
  });

  it("does not ask again when the consent to the older version was withdrawn", async () => {
    const customer = await givenCustomer("declined");
    const key = "survey_declined";
    const db = await getDb();
    await db.insert(purposes).values({ ...newsletter, key, status: "published", sortOrder: 101 });
    await setConsent(customer, { purposeKey: key, purposeVersion: 1, granted: true, source });
    await setConsent(customer, { purposeKey: key, purposeVersion: 1, granted: false, source });
    await db
      .update(purposes)
      .set({ status: "retired" })
      .where(and(eq(purposes.key, key), eq(purposes.version, 1)));
    await db.insert(purposes).values({ ...newsletter, key, version: 2, status: "published", sortOrder: 101 });
    expect(entry(await listCustomerPurposes(customer, "en"), key)).toMatchObject({
      granted: false,
      status: "withdrawn",
      needsReconsent: false,
    });
  });

  it("refuses staff and anonymous callers", async () => {
    expect(await refusal(null)).toBe("unauthenticated");
    expect(await refusal(await givenStaff("agent"))).toBe("forbidden");
    expect(await refusal(await givenStaff("product"))).toBe("forbidden");
  });
});
