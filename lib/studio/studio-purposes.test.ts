import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog, purposeDrafts, purposes } from "@/db/schema";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { listCustomerPurposes, listRetiredPurposes } from "@/lib/consent/list-customer-purposes";
import { mayUsePurpose } from "@/lib/consent/effective-consent";
import { listCarriedOverUpdates } from "@/lib/consent/list-carried-over-updates";
import { setConsent, type ConsentSource } from "@/lib/consent/set-consent";
import { listStudioPurposes } from "@/lib/studio/list-studio-purposes";
import { publishPurposeDraft } from "@/lib/studio/publish-purpose-draft";
import { savePurposeDraftSchema } from "@/lib/studio/purpose-draft-schema";
import { retirePurpose } from "@/lib/studio/retire-purpose";
import { savePurposeDraft } from "@/lib/studio/save-purpose-draft";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { previewPurposeDraft } from "./preview-purpose-draft";

const source: ConsentSource = { channel: "web", userAgent: "vitest", locale: "en" };

function form(overrides: Record<string, string | string[]> = {}) {
  return {
    mode: "new",
    key: "recipes",
    basedOnVersion: "",
    nbName: "Oppskrifter",
    nbDescription: "Vi sender deg oppskrifter.",
    nbBenefit: "Nye ideer til middag.",
    nbConsequence: "Du får ingen oppskrifter.",
    nbRetention: "I 24 måneder.",
    enName: "Recipes <script>alert(1)</script>",
    enDescription: "We send you recipes.",
    enBenefit: "New ideas for dinner.",
    enConsequence: "You get no recipes.",
    enRetention: "For 24 months.",
    legalBasis: "consent",
    dataCategories: ["orders"],
    retention: "24 months",
    recipients: "Postmark; US; processor; email",
    channels: ["email"],
    benefitMetric: "newsletters",
    ...overrides,
  };
}

const parse = (input: Record<string, unknown>) => savePurposeDraftSchema.parse(input);

describe("the product studio's purposes", () => {
  it("refuses bad drafts with a field each, and writes nothing", async () => {
    const refused = (input: Record<string, unknown>) => {
      const result = savePurposeDraftSchema.safeParse(input);
      expect(result.success).toBe(false);
      return Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    };
    expect(refused(form({ key: "My Purpose" }))).toMatchObject({ key: "keyFormat" });
    expect(refused(form({ retention: "forever" }))).toMatchObject({ retention: "retention" });
    expect(refused(form({ legalBasis: "vibes" }))).toMatchObject({ legalBasis: "legalBasis" });
    expect(refused(form({ enDescription: "x".repeat(2001) }))).toMatchObject({ enDescription: "tooLong" });
    expect(refused(form({ nbName: "Opp\u200Bskrifter" }))).toMatchObject({ nbName: "invisibleCharacters" });
    expect(refused(form({ customerId: "someone" }))).toBeTruthy();
    expect(refused(form({ recipients: "Postmark; United States; processor" }))).toMatchObject({
      recipients: "recipients",
    });
  });

  it("saves a draft with its audit entry, refuses a duplicate key, previews and publishes it", async () => {
    const product = await givenStaff("product");
    await savePurposeDraft(product, parse(form()));
    const db = await getDb();
    const [draft] = await db.select().from(purposeDrafts).where(eq(purposeDrafts.key, "recipes"));
    expect(draft!.content).toMatchObject({
      retentionDays: 720,
      recipients: [{ name: "Postmark", carries: ["email"] }],
    });
    // Stored as typed: pages render it as text.
    expect(draft!.content.texts.en.name).toBe("Recipes <script>alert(1)</script>");
    await expect(savePurposeDraft(product, parse(form()))).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { key: "duplicateKey" },
    });

    const preview = await previewPurposeDraft(product, "recipes");
    expect(preview.cards.nb.name).toBe("Oppskrifter");
    expect(preview.cards.en.name).toBe("Recipes <script>alert(1)</script>");
    expect(preview.missing).toEqual([]);

    expect(await publishPurposeDraft(product, { key: "recipes", basedOnVersion: null, material: "yes" })).toEqual({
      key: "recipes",
      version: 1,
    });
    expect(await db.select().from(purposeDrafts).where(eq(purposeDrafts.key, "recipes"))).toEqual([]);
    const { entries } = await listAuditEntries(product);
    expect(entries.map((e) => e.action).slice(0, 2)).toEqual(["purpose.published", "purpose.draft_saved"]);
    expect(entries[1]!.changes).toContainEqual({ path: "retentionDays", before: null, after: "720" });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    expect((await listStudioPurposes(product, "en")).find((p) => p.key === "recipes")).toMatchObject({
      publishedVersion: 1,
      status: "published",
      draft: null,
    });
  });

  it("lists what a draft lacks before it can be published", async () => {
    const product = await givenStaff("product");
    await savePurposeDraft(product, parse(form({ key: "half-done", enBenefit: "", retention: "" })));
    await expect(
      publishPurposeDraft(product, { key: "half-done", basedOnVersion: null, material: "yes" }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { enBenefit: "missing", retention: "missing" } });
    const db = await getDb();
    expect(await db.select().from(purposes).where(eq(purposes.key, "half-done"))).toEqual([]);
  });

  it("refuses to call a change of what is done with the data not material", async () => {
    const product = await givenStaff("product");
    await savePurposeDraft(product, parse(form({ key: "wording-only" })));
    await publishPurposeDraft(product, { key: "wording-only", basedOnVersion: null, material: "yes" });
    await savePurposeDraft(
      product,
      parse(form({ key: "wording-only", mode: "edit", basedOnVersion: "1", sharesWithThirdParties: "on" })),
    );
    await expect(
      publishPurposeDraft(product, { key: "wording-only", basedOnVersion: 1, material: "no" }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { material: "materialChange" } });
    const db = await getDb();
    expect((await db.select().from(purposes).where(eq(purposes.key, "wording-only"))).map((p) => p.version)).toEqual([
      1,
    ]);
    // As a material change it publishes.
    await publishPurposeDraft(product, { key: "wording-only", basedOnVersion: 1, material: "yes" });
  });

  it("carries consents over a version that is not material, asks again after a material one, refuses a stale publish", async () => {
    const product = await givenStaff("product");
    const other = await givenStaff("product");
    await savePurposeDraft(product, parse(form({ key: "tips" })));
    await publishPurposeDraft(product, { key: "tips", basedOnVersion: null, material: "yes" });
    const kari = await givenCustomer("kari");
    await setConsent(kari, { purposeKey: "tips", purposeVersion: 1, granted: true, method: "switch", source });

    await savePurposeDraft(
      product,
      parse(form({ key: "tips", mode: "edit", basedOnVersion: "1", enDescription: "Typo fixed." })),
    );
    await publishPurposeDraft(product, { key: "tips", basedOnVersion: 1, material: "no" });
    expect(await mayUsePurpose(kari, "tips")).toMatchObject({
      allowed: true,
      needsReconsent: false,
      consentVersion: 2,
    });
    expect(await listCarriedOverUpdates(kari, "en")).toMatchObject([{ key: "tips", version: 2, fromVersion: 1 }]);

    await savePurposeDraft(
      product,
      parse(form({ key: "tips", mode: "edit", basedOnVersion: "2", enDescription: "Now with your location." })),
    );
    // A second member's form, opened before the first published: stale.
    await expect(
      savePurposeDraft(other, parse(form({ key: "tips", mode: "edit", basedOnVersion: "1" }))),
    ).rejects.toMatchObject({ code: "conflict", messageKey: "staleVersion" });
    await publishPurposeDraft(product, { key: "tips", basedOnVersion: 2, material: "yes" });
    await expect(publishPurposeDraft(other, { key: "tips", basedOnVersion: 2, material: "yes" })).rejects.toMatchObject(
      {
        code: "conflict",
        messageKey: "staleVersion",
      },
    );
    const purposesOfKari = await listCustomerPurposes(kari, "en");
    expect(purposesOfKari.find((p) => p.key === "tips")).toMatchObject({ needsReconsent: true, consentVersion: 1 });

    await retirePurpose(product, { key: "tips", version: 3 });
    expect(await mayUsePurpose(kari, "tips")).toBeNull();
    expect((await listCustomerPurposes(kari, "en")).find((p) => p.key === "tips")).toBeUndefined();
    expect(await listRetiredPurposes(kari, "en")).toEqual([
      { key: "tips", name: "Recipes <script>alert(1)</script>", retiredAt: expect.any(Date), hadGranted: true },
    ]);
    const db = await getDb();
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, "tips"));
    expect(audit.map((a) => a.action)).toContain("purpose.retired");
  });

  it("is for the product team only", async () => {
    const agent = await givenStaff("agent");
    const customer = await givenCustomer("c");
    for (const actor of [agent, customer]) {
      await expect(listStudioPurposes(actor, "en")).rejects.toMatchObject({ code: "forbidden" });
      await expect(savePurposeDraft(actor, parse(form({ key: "nope" })))).rejects.toMatchObject({ code: "forbidden" });
      await expect(listAuditEntries(actor)).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});
