import { sql } from "drizzle-orm";
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const legalBases = ["consent", "contract", "legal_obligation", "legitimate_interest"] as const;
export type LegalBasis = (typeof legalBases)[number];
export const purposeStatuses = ["draft", "published", "retired"] as const;
// Benefits Tillit can compute from a customer's own data (lib/consent/benefits.ts);
// a purpose names the one that shows what it gives the customer.
export const benefitMetrics = [
  "orders_delivered",
  "receipts_kept",
  "loyalty_points",
  "sms_updates",
  "offer_savings",
  "newsletters",
  "partner_notifications",
] as const;
export type BenefitMetric = (typeof benefitMetrics)[number];

export type PurposeText = {
  name: string;
  description: string;
  benefit: string;
  consequence: string;
  retention: string;
  /** For a version after the first: what changed, shown in the re-consent prompt. */
  changeSummary?: string;
};
export type PurposeTexts = { nb: PurposeText; en: PurposeText };
export const communicationChannels = ["email", "sms", "push", "post"] as const;
export type CommunicationChannel = (typeof communicationChannels)[number];

export type Recipient = {
  name: string;
  country: string;
  role: "processor" | "controller";
  /**
   * The channels on which this recipient delivers the purpose's messages for the company
   * (an email service, an SMS gateway). Each message sent that way is a disclosure to it
   * (lib/messages/record-messages-sent.ts); a channel no recipient carries is sent in-house.
   */
  carries?: CommunicationChannel[];
};

// A purpose is identified by (key, version). A material change publishes a new
// version; at most one version of a key is published at a time.
export const purposes = pgTable(
  "purposes",
  {
    key: text("key").notNull(),
    version: integer("version").notNull(),
    status: text("status", { enum: purposeStatuses }).notNull().default("draft"),
    legalBasis: text("legal_basis", { enum: legalBases }).notNull(),
    texts: jsonb("texts").$type<PurposeTexts>().notNull(),
    dataCategories: text("data_categories").array().notNull(),
    retentionDays: integer("retention_days"),
    recipients: jsonb("recipients").$type<Recipient[]>().notNull().default([]),
    channels: text("channels")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Sells or shares data with third parties: a Global Privacy Control signal opts out of it.
    sharesWithThirdParties: boolean("shares_with_third_parties").notNull().default(false),
    // How long a consent lasts before it must be renewed; null = until withdrawn.
    consentLifetimeDays: integer("consent_lifetime_days"),
    benefitMetric: text("benefit_metric", { enum: benefitMetrics }),
    // Terms from the W3C Data Privacy Vocabulary (e.g. "dpv:ServiceProvision"), so an
    // export can be mapped by another service.
    dpvPurposes: text("dpv_purposes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sortOrder: integer("sort_order").notNull().default(0),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    // The oldest version whose consents this version still honours: a version published as
    // not material keeps its base's (consents carry over, lib/consent/effective-consent.ts);
    // null = this version itself (material: customers who agreed before are asked again).
    materialVersion: integer("material_version"),
    // When this version stopped being in force (replaced, or the purpose retired).
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.version] }),
    uniqueIndex("purposes_one_published_per_key")
      .on(t.key)
      .where(sql`${t.status} = 'published'`),
  ],
);
export type Purpose = typeof purposes.$inferSelect;

/** What a product member writes before publishing: every field of a version, checked again at publish. */
export type PurposeDraftContent = {
  texts: { nb: Partial<PurposeText>; en: Partial<PurposeText> };
  legalBasis: LegalBasis;
  dataCategories: string[];
  /** Days; null = not given yet (a draft without one cannot be published). */
  retentionDays: number | null;
  recipients: Recipient[];
  channels: CommunicationChannel[];
  sharesWithThirdParties: boolean;
  benefitMetric: BenefitMetric | null;
};

// One draft per purpose key, shared by the product team. `based_on_version` is the published
// version the draft started from (null for a new purpose): publishing a draft whose base is no
// longer the published version is refused as stale, never silently overwritten.
export const purposeDrafts = pgTable("purpose_drafts", {
  key: text("key").primaryKey(),
  basedOnVersion: integer("based_on_version"),
  content: jsonb("content").$type<PurposeDraftContent>().notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type PurposeDraft = typeof purposeDrafts.$inferSelect;
