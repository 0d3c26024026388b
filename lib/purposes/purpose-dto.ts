import type { BenefitMetric, LegalBasis, Purpose, Recipient } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";

export type PurposeDto = {
  key: string;
  version: number;
  legalBasis: LegalBasis;
  /** Only consent-based purposes are switches; the others say why not. */
  switchable: boolean;
  /** Legitimate-interest purposes offer "object". */
  objectable: boolean;
  name: string;
  description: string;
  benefit: string;
  consequence: string;
  retention: string;
  dataCategories: string[];
  recipients: Recipient[];
  sharesWithThirdParties: boolean;
  consentLifetimeDays: number | null;
  channels: string[];
  benefitMetric: BenefitMetric | null;
  /** For a version after the first: what changed. */
  changeSummary: string | null;
};

export function isSwitchable(purpose: Pick<Purpose, "legalBasis">): boolean {
  return purpose.legalBasis === "consent";
}

/** Legitimate-interest purposes run unless the customer objects (GDPR Art. 21). */
export function isObjectable(purpose: Pick<Purpose, "legalBasis">): boolean {
  return purpose.legalBasis === "legitimate_interest";
}

export function toPurposeDto(purpose: Purpose, locale: Locale): PurposeDto {
  const text = purpose.texts[locale] ?? purpose.texts.en;
  return {
    key: purpose.key,
    version: purpose.version,
    legalBasis: purpose.legalBasis,
    switchable: isSwitchable(purpose),
    objectable: isObjectable(purpose),
    name: text.name,
    description: text.description,
    benefit: text.benefit,
    consequence: text.consequence,
    retention: text.retention,
    dataCategories: purpose.dataCategories,
    recipients: purpose.recipients,
    sharesWithThirdParties: purpose.sharesWithThirdParties,
    consentLifetimeDays: purpose.consentLifetimeDays,
    channels: purpose.channels,
    benefitMetric: purpose.benefitMetric,
    changeSummary: text.changeSummary ?? null,
  };
}
