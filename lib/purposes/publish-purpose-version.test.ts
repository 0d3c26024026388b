import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { consentEvents, consentStates, purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { mayUsePurpose } from "@/lib/consent/effective-consent";
import { listCustomerPurposes } from "@/lib/consent/list-customer-purposes";
import { setConsent, type ConsentSource } from "@/lib/consent/set-consent";
import { demoPurposes } from "@/lib/demo/demo-purposes";
import { AppError } from "@/lib/errors";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { publishPurposeVersion, type PurposeVersionInput } from "./publish-purpose-version";

const source: ConsentSource = { channel: "web", userAgent: "vitest", locale: "en" };

function newTexts(key: string): PurposeVersionInput["texts"] {
  const base = demoPurposes.find((p) => p.key === key)!.texts;
  return {
    nb: { ...base.nb, changeSummary: "Nytt: vi bruker også kjøpshistorikken." },
    en: {
      ...base.en,
      description: `${base.en.description} Now also purchase history.`,
      changeSummary: "New: we also use your purchase history.",
    },
  };
}

beforeAll(async () => {
  await givenPublishedPurposes();
});

async function versionsOf(key: string) {
  return (await getDb())
    .select({ version: purposes.version, status: purposes.status, dataCategories: purposes.dataCategories })
    .from(purposes)
    .where(eq(purposes.key, key))
    .orderBy(purposes.version);
}

describe("publishPurposeVersion", () => {
  it("retires the published version and publishes the next; earlier consents wait for a new answer", async () => {
    const product = await givenStaff("product");
    const agreed = await givenCustomer("agreed");
    const fresh = await givenCustomer("fresh");
    await setConsent(agreed, { purposeKey: "newsletter", purposeVersion: 1, granted: true, source });

    expect(
      await publishPurposeVersion(product, {
        key: "newsletter",
        texts: newTexts("newsletter"),
        dataCategories: ["identity", "contact", "orders"],
      }),
    ).toEqual({ key: "newsletter", version: 2 });
    expect(await versionsOf("newsletter")).toEqual([
      { version: 1, status: "retired", dataCategories: ["identity", "contact"] },
      { version: 2, status: "published", dataCategories: ["identity", "contact", "orders"] },
    ]);

    // Downstream use stays on version 1 (name and contact only) until the customer answers.
    expect(await mayUsePurpose(agreed, "newsletter")).toMatchObject({
      allowed: true,
      consentVersion: 1,
      currentVersion: 2,
      needsReconsent: true,
    });
    const card = (await listCustomerPurposes(agreed, "en")).find((p) => p.key === "newsletter")!;
    expect(card).toMatchObject({ needsReconsent: true, changeSummary: "New: we also use your purchase history." });
    expect(await mayUsePurpose(fresh, "newsletter")).toMatchObject({ allowed: false, status: "not_asked" });

    // A form still showing version 1 cannot change anything.
    const stale = await setConsent(agreed, {
      purposeKey: "newsletter",
      purposeVersion: 1,
      granted: false,
      source,
    }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: "conflict", messageKey: "purposeChanged" });
  });

  it("carries the DPV purposes over from the version it replaces, unless the change names new ones", async () => {
    const product = await givenStaff("product");
    const dpvOf = async (key: string) =>
      (
        await (
          await getDb()
        )
          .select({ dpv: purposes.dpvPurposes })
          .from(purposes)
          .where(eq(purposes.key, key))
          .orderBy(purposes.version)
      ).map((r) => r.dpv);
    await publishPurposeVersion(product, { key: "service_surveys", texts: newTexts("service_surveys") });
    await publishPurposeVersion(product, {
      key: "service_surveys",
      texts: newTexts("service_surveys"),
      dpvPurposes: ["dpv:CustomerCare"],
    });
    expect(await dpvOf("service_surveys")).toEqual([
      ["dpv:CustomerCare", "dpv:ImproveExistingProductsAndServices"],
      ["dpv:CustomerCare", "dpv:ImproveExistingProductsAndServices"],
      ["dpv:CustomerCare"],
    ]);
  });

  it("serialises with concurrent consent changes: no event is written against a retired version", async () => {
    const product = await givenStaff("product");
    const customer = await givenCustomer("racer");
    const toggles = Array.from({ length: 20 }, (_, i) =>
      setConsent(customer, { purposeKey: "product_analytics", purposeVersion: 1, granted: i % 2 === 0, source }).catch(
        (e: unknown) => e,
      ),
    );
    const publish = publishPurposeVersion(product, { key: "product_analytics", texts: newTexts("product_analytics") });
    const results = await Promise.all([...toggles, publish]);
    // Toggles that lost the race were refused as stale, never written against version 1 after it retired.
    for (const r of results.slice(0, 20)) {
      if (r instanceof AppError) expect(r).toMatchObject({ code: "conflict" });
    }
    const db = await getDb();
    const [published] = await db
      .select({ publishedAt: purposes.publishedAt })
      .from(purposes)
      .where(and(eq(purposes.key, "product_analytics"), eq(purposes.version, 2)));
    const events = await db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.customerId, customer.customerId), eq(consentEvents.purposeKey, "product_analytics")))
      .orderBy(consentEvents.id);
    expect(events.every((e) => e.purposeVersion === 1 && e.occurredAt <= published!.publishedAt!)).toBe(true);
    const [state] = await db
      .select()
      .from(consentStates)
      .where(and(eq(consentStates.customerId, customer.customerId), eq(consentStates.purposeKey, "product_analytics")));
    if (events.length > 0) expect(state).toMatchObject({ lastEventId: events.at(-1)!.id });
  });

  const refusedActors: [string, () => Promise<Actor | null>, string][] = [
    ["a customer", () => givenCustomer("c"), "forbidden"],
    ["a support agent", () => givenStaff("agent"), "forbidden"],
    ["nobody", async () => null, "unauthenticated"],
  ];
  it.each(refusedActors)("refuses %s and writes nothing", async (_name, actor, code) => {
    const before = await versionsOf("order_sms");
    await expect(
      publishPurposeVersion(await actor(), { key: "order_sms", texts: newTexts("order_sms") }),
    ).rejects.toMatchObject({ code });
    expect(await versionsOf("order_sms")).toEqual(before);
  });

  it.each([
    ["an unknown key", { key: "no_such_purpose", texts: newTexts("order_sms") }, "not_found"],
    ["texts without a change summary", { key: "order_sms", texts: demoPurposes[0]!.texts }, "invalid"],
    ["an unknown channel", { key: "order_sms", texts: newTexts("order_sms"), channels: ["fax"] }, "invalid"],
    ["an invented DPV term", { key: "order_sms", texts: newTexts("order_sms"), dpvPurposes: ["dpv:Spam"] }, "invalid"],
    ["an extra field", { key: "order_sms", texts: newTexts("order_sms"), status: "draft" }, "invalid"],
    [
      "an empty name",
      { key: "order_sms", texts: { ...newTexts("order_sms"), en: { ...newTexts("order_sms").en, name: " " } } },
      "invalid",
    ],
  ])("refuses %s and writes nothing", async (_name, input, code) => {
    const before = await versionsOf("order_sms");
    await expect(
      publishPurposeVersion(await givenStaff("product"), input as PurposeVersionInput),
    ).rejects.toMatchObject({
      code,
    });
    expect(await versionsOf("order_sms")).toEqual(before);
  });
});
