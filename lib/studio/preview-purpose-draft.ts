import "server-only";
import { and, eq, max } from "drizzle-orm";
import { getDb } from "@/db";
import { purposeDrafts, purposes, users, type Purpose, type PurposeDraftContent } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { systemScope } from "@/lib/auth/customer-scope";
import { assertStaff } from "@/lib/auth/permissions";
import { computeBenefitsOf, type ComputedBenefit } from "@/lib/consent/benefits";
import type { CustomerPurposeDto } from "@/lib/consent/list-customer-purposes";
import { shouldSeedDemo } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { missingForPublishing } from "@/lib/studio/publish-purpose-draft";
import { toPurposeDto } from "@/lib/purposes/purpose-dto";

/** The customer whose own data the preview's benefit is computed from (the demo seed's). */
export const PREVIEW_CUSTOMER_EMAIL = "kari@example.com";

export type PurposeDraftPreview = {
  key: string;
  basedOnVersion: number | null;
  publishedVersion: number | null;
  /** The version a publish would make. */
  nextVersion: number;
  /** The card as a customer who has not answered yet sees it, per language. */
  cards: Record<Locale, CustomerPurposeDto>;
  /** The benefit figure for the demo customer; null when there is none (no metric, no demo customer, or zero). */
  benefit: ComputedBenefit | null;
  /** Form fields a publish would refuse as missing. */
  missing: string[];
};

/**
 * A draft exactly as customers will see it, in both languages: the customer's own card DTO
 * (toPurposeDto) of the draft, with the benefit computed from the demo customer's rows by a
 * named system scope ("studio preview"). Nothing is written, nothing about the demo customer
 * but the figure leaves this function.
 */
export async function previewPurposeDraft(actor: Actor | null, key: string): Promise<PurposeDraftPreview> {
  assertStaff(actor, "purposes.read");
  const db = await getDb();
  const [draft] = await db.select().from(purposeDrafts).where(eq(purposeDrafts.key, key)).limit(1);
  if (!draft) throw new AppError("not_found", { messageKey: "purposeNotFound" });
  const [[published], [latest]] = await Promise.all([
    db
      .select({ version: purposes.version })
      .from(purposes)
      .where(and(eq(purposes.key, key), eq(purposes.status, "published")))
      .limit(1),
    db
      .select({ version: max(purposes.version) })
      .from(purposes)
      .where(eq(purposes.key, key)),
  ]);
  const version = asVersion(draft.key, (latest?.version ?? 0) + 1, draft.content);
  const card = (locale: Locale): CustomerPurposeDto => ({
    ...toPurposeDto(version, locale),
    granted: version.legalBasis === "legitimate_interest" ? true : version.legalBasis === "consent" ? false : null,
    status:
      version.legalBasis === "consent"
        ? "not_asked"
        : version.legalBasis === "legitimate_interest"
          ? "in_use"
          : "required",
    changedAt: null,
    consentVersion: null,
    needsReconsent: false,
    expiresAt: null,
    renewalDue: false,
    lastChange: null,
    restrictedSince: null,
    versionChange: null,
  });
  return {
    key: draft.key,
    basedOnVersion: draft.basedOnVersion,
    publishedVersion: published?.version ?? null,
    nextVersion: version.version,
    cards: { nb: card("nb"), en: card("en") },
    benefit: await demoBenefit(draft.key, draft.content),
    missing: missingForPublishing(draft.content),
  };
}

async function demoBenefit(key: string, content: PurposeDraftContent): Promise<ComputedBenefit | null> {
  // Only the demo company's own demo customer, never a real one: nobody's data is read for a
  // preview without it showing on their page, so a deployment without the demo shows no figure.
  if (!content.benefitMetric || !shouldSeedDemo()) return null;
  const db = await getDb();
  const [demo] = await db.select({ id: users.id }).from(users).where(eq(users.email, PREVIEW_CUSTOMER_EMAIL)).limit(1);
  if (!demo) return null;
  const benefits = await computeBenefitsOf(systemScope(demo.id, "studio preview"), [
    { key, benefitMetric: content.benefitMetric },
  ]);
  return benefits.get(key) ?? null;
}

/** The draft as the version it would publish; a text still missing shows empty. */
function asVersion(key: string, version: number, content: PurposeDraftContent): Purpose {
  const text = (language: Locale) => ({
    name: "",
    description: "",
    benefit: "",
    consequence: "",
    retention: "",
    ...content.texts[language],
  });
  return {
    key,
    version,
    status: "draft",
    legalBasis: content.legalBasis,
    texts: { nb: text("nb"), en: text("en") },
    dataCategories: content.dataCategories,
    retentionDays: content.retentionDays,
    recipients: content.recipients,
    channels: content.channels,
    sharesWithThirdParties: content.sharesWithThirdParties,
    consentLifetimeDays: null,
    benefitMetric: content.benefitMetric,
    dpvPurposes: [],
    sortOrder: 0,
    publishedAt: null,
    materialVersion: null,
    retiredAt: null,
    createdAt: new Date(0),
  };
}
