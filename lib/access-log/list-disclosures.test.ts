import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { disclosures, purposes, webhookMessages } from "@/db/schema";
import { createWebhookSubscription } from "@/lib/integration/webhooks/create-webhook-subscription";
import {
  givenApiClient as givenWebhookClient,
  givenConsentChange,
} from "@/lib/integration/webhooks/webhooks.test-support";
import { demoPurposes } from "@/lib/demo/demo-purposes";
import { AppError } from "@/lib/errors";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { listDisclosureRecipients, listDisclosures } from "./list-disclosures";
import { ACCESS_PAGE_SIZE } from "./paged";

const HOUR = 3_600_000;

function disclosure(customerId: string, hoursAgo: number, fields: Partial<typeof disclosures.$inferInsert> = {}) {
  return {
    customerId,
    recipientName: "Posten Bring AS",
    recipientCountry: "NO",
    purposeKey: "order_processing",
    dataCategories: ["identity", "addresses"],
    reference: `TL-${hoursAgo}`,
    disclosedAt: new Date(Date.now() - hoursAgo * HOUR),
    ...fields,
  };
}

describe("listDisclosures", () => {
  it("lists the signed-in customer's disclosures only, newest first, with the purpose's name in their language", async () => {
    await givenPublishedPurposes();
    const db = await getDb();
    const kari = await givenCustomer("kari");
    const ola = await givenCustomer("ola");
    await db
      .insert(disclosures)
      .values([
        disclosure(kari.customerId, 30),
        disclosure(kari.customerId, 10, { purposeKey: "delivery_partner_sharing", dataCategories: ["contact"] }),
        disclosure(ola.customerId, 5, { recipientName: "Olas partner", reference: "OLA-1" }),
      ]);

    const en = await listDisclosures(kari, { locale: "en" });
    expect(en).toMatchObject({ page: 1, pageCount: 1, total: 2 });
    expect(en.items.map((d) => d.reference)).toEqual(["TL-10", "TL-30"]);
    expect(en.items[1]).toEqual({
      id: expect.any(Number),
      disclosedAt: expect.any(Date),
      recipientName: "Posten Bring AS",
      recipientCountry: "NO",
      purposeKey: "order_processing",
      purposeName: "Processing your orders",
      dataCategories: ["identity", "addresses"],
      reference: "TL-30",
      webhook: null,
    });
    const nb = await listDisclosures(kari, { locale: "nb" });
    expect(nb.items[1]!.purposeName).toBe("Behandling av bestillingene dine");

    const olas = await listDisclosures(ola, { locale: "en" });
    expect(olas.items.map((d) => d.reference)).toEqual(["OLA-1"]);
  });

  it("names a retired purpose by its last version and leaves an unknown one unnamed", async () => {
    const db = await getDb();
    const kari = await givenCustomer("retired");
    const base = demoPurposes[0]!;
    await db.insert(purposes).values([
      { ...base, key: "old_partner", version: 1, status: "retired" },
      {
        ...base,
        key: "old_partner",
        version: 2,
        status: "retired",
        texts: { nb: { ...base.texts.nb, name: "Gammel partner" }, en: { ...base.texts.en, name: "Old partner" } },
      },
      { ...base, key: "draft_only", version: 1, status: "draft" },
    ]);
    await db
      .insert(disclosures)
      .values([
        disclosure(kari.customerId, 2, { purposeKey: "old_partner" }),
        disclosure(kari.customerId, 1, { purposeKey: "draft_only" }),
      ]);
    const { items } = await listDisclosures(kari, { locale: "en" });
    expect(items.map((d) => [d.purposeKey, d.purposeName])).toEqual([
      ["draft_only", null],
      ["old_partner", "Old partner"],
    ]);
  });

  it("pages ACCESS_PAGE_SIZE at a time", async () => {
    const db = await getDb();
    const kari = await givenCustomer("pages");
    await db
      .insert(disclosures)
      .values(Array.from({ length: ACCESS_PAGE_SIZE + 2 }, (_, i) => disclosure(kari.customerId, i + 1)));
    const second = await listDisclosures(kari, { locale: "en", page: 2 });
    expect(second).toMatchObject({ page: 2, pageCount: 2, total: ACCESS_PAGE_SIZE + 2 });
    expect(second.items.map((d) => d.reference)).toEqual([`TL-${ACCESS_PAGE_SIZE + 1}`, `TL-${ACCESS_PAGE_SIZE + 2}`]);
  });

  it("names each recipient once, with how often, when last and for which purposes, newest first", async () => {
    const db = await getDb();
    const kari = await givenCustomer("recipients");
    const ola = await givenCustomer("ola-recipients");
    await db.insert(disclosures).values([
      disclosure(kari.customerId, 48),
      disclosure(kari.customerId, 30, { purposeKey: "delivery_partner_sharing", dataCategories: ["contact"] }),
      ...[5, 20, 40].map((hoursAgo) =>
        disclosure(kari.customerId, hoursAgo, {
          recipientName: "Mailchimp (Intuit Inc.)",
          recipientCountry: "US",
          purposeKey: "newsletter",
        }),
      ),
      disclosure(ola.customerId, 1, { recipientName: "Olas partner" }),
    ]);
    const recipients = await listDisclosureRecipients(kari, { locale: "en" });
    const newest = await listDisclosures(kari, { locale: "en" });
    expect(recipients).toEqual([
      {
        recipientName: "Mailchimp (Intuit Inc.)",
        recipientCountry: "US",
        times: 3,
        lastAt: newest.items[0]!.disclosedAt,
        purposeNames: ["Newsletter"],
      },
      {
        recipientName: "Posten Bring AS",
        recipientCountry: "NO",
        times: 2,
        lastAt: newest.items.find((d) => d.recipientName === "Posten Bring AS")!.disclosedAt,
        purposeNames: ["Sharing with delivery partner", "Processing your orders"],
      },
    ]);
    expect((await listDisclosureRecipients(kari, { locale: "nb" }))[0]!.purposeNames).toEqual(["Nyhetsbrev"]);
    await expect(listDisclosureRecipients(await givenStaff("agent"), { locale: "en" })).rejects.toEqual(
      new AppError("forbidden"),
    );
  });

  it("refuses staff and anonymous callers", async () => {
    await expect(listDisclosures(await givenStaff("agent"), { locale: "en" })).rejects.toEqual(
      new AppError("forbidden"),
    );
    await expect(listDisclosures(null, { locale: "en" })).rejects.toEqual(new AppError("unauthenticated"));
  });
});

describe("a change told to another system through a webhook", () => {
  it("shows what it told and whether it was received; the recipients count only what was received", async () => {
    await givenPublishedPurposes();
    const customer = await givenCustomer("told");
    const client = await givenWebhookClient({ name: "Email platform", country: "NO" });
    await createWebhookSubscription(client, {
      clientId: client.clientId,
      url: "https://hooks.example.com/tillit",
      eventTypes: ["consent.changed"],
    });
    await givenConsentChange(customer.customerId, "newsletter", "granted");

    const [queued] = (await listDisclosures(customer, { locale: "en" })).items;
    expect(queued).toMatchObject({
      recipientName: "Email platform",
      webhook: { eventType: "consent.changed", status: "pending", deliveredAt: null },
    });
    expect(await listDisclosureRecipients(customer, { locale: "en" }), "nothing received yet").toEqual([]);

    const db = await getDb();
    const deliveredAt = new Date();
    await db
      .update(webhookMessages)
      .set({ status: "delivered", deliveredAt })
      .where(eq(webhookMessages.customerId, customer.customerId));
    const [received] = (await listDisclosures(customer, { locale: "en" })).items;
    expect(received!.webhook).toEqual({ eventType: "consent.changed", status: "delivered", deliveredAt });
    expect(await listDisclosureRecipients(customer, { locale: "en" })).toEqual([
      expect.objectContaining({ recipientName: "Email platform", times: 1 }),
    ]);

    // An ordinary disclosure has no webhook.
    await db.insert(disclosures).values(disclosure(customer.customerId, 1));
    const ordinary = (await listDisclosures(customer, { locale: "en" })).items.find((d) => d.reference === "TL-1");
    expect(ordinary!.webhook).toBeNull();
  });
});
