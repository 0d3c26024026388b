import "server-only";
import { count, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { disclosures, type LegalBasis, type Recipient } from "@/db/schema";
import { customerScope, type CustomerScope } from "@/lib/auth/customer-scope";
import {
  evaluateConsent,
  readPurposesWithConsent,
  withTermsInForce,
  type ConsentStatus,
} from "@/lib/consent/effective-consent";
import { activeInferences } from "@/lib/data-inventory/active-inferences";
import type { CategoryKey, DataSource, Retention } from "@/lib/data-inventory/categories";
import { readDataOverview } from "@/lib/data-inventory/get-data-overview";
import { retentionValues } from "@/lib/data-inventory/retention-values";
import { countryName } from "@/lib/i18n/country-name";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { dpvLegalBasis, inventoryCategoryDpv } from "./dpv";
import { rightKeys, type RightKey } from "./keys";

// The information GDPR Art. 15(1)–(2) says the customer is entitled to, computed by the
// same code the portal's pages use (data overview, effective consent, active inferences).

export type PurposeInfo = {
  key: string;
  version: number;
  name: string;
  description: string;
  benefit: string;
  legalBasis: LegalBasis;
  legalBasisDpv: string;
  dpvPurposes: string[];
  dataCategories: string[];
  channels: string[];
  retentionDays: number | null;
  retention: string;
  recipients: Recipient[];
  sharesWithThirdParties: boolean;
  consent: {
    status: ConsentStatus;
    allowed: boolean;
    consentVersion: number | null;
    needsReconsent: boolean;
    expiresAt: string | null;
  };
};

export type CategoryInfo = {
  key: CategoryKey;
  name: string;
  dpv: string[];
  count: number;
  source: { kind: DataSource["kind"]; partner: string | null; description: string };
  purposes: { key: string; legalBasis: LegalBasis; inUse: boolean }[];
  recipients: Recipient[];
  retention: { kind: Retention["kind"]; days: number | null; years: number | null; description: string };
  oldestAt: string | null;
  deletesAt: string | null;
};

export type RecipientInfo = {
  name: string;
  country: string;
  countryName: string;
  role: Recipient["role"] | null;
  purposeKeys: string[];
  disclosureCount: number;
  outsideEea: boolean;
};

export type Art15Info = {
  purposes: PurposeInfo[];
  categories: CategoryInfo[];
  recipients: RecipientInfo[];
  transfers: { recipient: string; country: string; countryName: string; purposeKeys: string[] }[];
  automatedDecisionMaking: {
    profiling: boolean;
    legalOrSimilarlySignificantEffects: boolean;
    description: string;
    inferences: { id: string; kind: string; label: string; derivedFrom: string; sourceCategories: string[] }[];
  };
  rights: { right: RightKey; article: string; description: string; url: string }[];
  complaintAuthority: { name: string; url: string };
};

export const DATATILSYNET_URL = "https://www.datatilsynet.no";

const rightPlaces: Record<RightKey, { article: string; path: string | null }> = {
  access: { article: "15", path: "/account/requests" },
  rectification: { article: "16", path: "/account/profile" },
  erasure: { article: "17", path: "/account/delete" },
  restriction: { article: "18", path: "/account/requests" },
  portability: { article: "20", path: "/account/requests" },
  objection: { article: "21", path: "/account/purposes" },
  withdrawConsent: { article: "7(3)", path: "/account/purposes" },
  complaint: { article: "77", path: null },
};

// EU member states and the other EEA states: transfers elsewhere need Chapter V safeguards.
const EEA = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split(" "),
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function buildArt15(options: {
  db: Executor;
  /** The export's scope: the customer themself, or the export job acting for them. */
  scope: CustomerScope;
  locale: Locale;
  appUrl: string;
  now: Date;
}): Promise<Art15Info> {
  const { db, scope, locale, now } = options;
  const t = translatorFor(locale, "exportFile");
  const tData = translatorFor(locale, "data");
  const overview = await readDataOverview(db, scope, locale);
  const purposeRows = await readPurposesWithConsent(db, scope);
  const disclosed = await db
    .select({
      name: disclosures.recipientName,
      country: disclosures.recipientCountry,
      purposeKeys: sql<string[]>`array_agg(distinct ${disclosures.purposeKey} order by ${disclosures.purposeKey})`,
      n: count(),
    })
    .from(disclosures)
    .where(customerScope(disclosures, scope))
    .groupBy(disclosures.recipientName, disclosures.recipientCountry);
  const inferred = await activeInferences(scope, db);

  // Each purpose as its terms apply to the customer: the version they agreed to while a
  // material new one waits for their answer (needsReconsent says so), else the published one.
  const inForce = await withTermsInForce(
    db,
    purposeRows.map((row) => ({
      ...row,
      consent: evaluateConsent(row.purpose, row.state, { restrictedSince: row.restrictedSince, now }),
    })),
  );
  const purposes: PurposeInfo[] = inForce.map(({ terms: p, consent }) => {
    const text = p.texts[locale] ?? p.texts.en;
    return {
      key: p.key,
      version: p.version,
      name: text.name,
      description: text.description,
      benefit: text.benefit,
      legalBasis: p.legalBasis,
      legalBasisDpv: dpvLegalBasis[p.legalBasis],
      // A purpose published without DPV terms is tagged with the broadest one.
      dpvPurposes: p.dpvPurposes.length > 0 ? p.dpvPurposes : ["dpv:Purpose"],
      dataCategories: p.dataCategories,
      channels: p.channels,
      retentionDays: p.retentionDays,
      retention: text.retention,
      recipients: p.recipients.map((r) => ({ name: r.name, country: r.country, role: r.role })),
      sharesWithThirdParties: p.sharesWithThirdParties,
      consent: {
        status: consent.status,
        allowed: consent.allowed,
        consentVersion: consent.consentVersion,
        needsReconsent: consent.needsReconsent,
        expiresAt: iso(consent.expiresAt),
      },
    };
  });

  const categories: CategoryInfo[] = overview.map((c) => {
    const values = retentionValues(c.retention);
    return {
      key: c.key,
      name: tData(`categories.${c.key}.name`),
      dpv: inventoryCategoryDpv[c.key],
      count: c.count,
      source: {
        kind: c.source.kind,
        partner: c.source.kind === "partner" ? c.source.partner : null,
        description:
          c.source.kind === "partner"
            ? tData("sources.partner", { partner: c.source.partner })
            : tData(`sources.${c.source.kind}`),
      },
      purposes: c.purposes.map((p) => ({ key: p.key, legalBasis: p.legalBasis, inUse: p.inUse })),
      recipients: c.recipients.map((r) => ({ name: r.name, country: r.country, role: r.role })),
      retention: {
        kind: c.retention.kind,
        days: c.retention.kind === "days" ? c.retention.days : null,
        years: c.retention.kind === "yearEnd" || c.retention.kind === "years" ? c.retention.years : null,
        description:
          c.retention.kind === "whileCustomer"
            ? t("art15.whileCustomer")
            : tData(`categories.${c.key}.retention`, values),
      },
      oldestAt: iso(c.oldestAt),
      deletesAt: iso(c.deletesAt),
    };
  });

  // Recipients through the purposes that may use the customer's data now, and everyone
  // the data was actually given to (disclosures).
  const recipients = new Map<string, RecipientInfo>();
  const recipientOf = (name: string, country: string, role: Recipient["role"] | null) => {
    const id = `${name}\u0000${country}`;
    let entry = recipients.get(id);
    if (!entry) {
      entry = {
        name,
        country,
        countryName: countryName(country, locale === "nb" ? "nb-NO" : "en-GB"),
        role,
        purposeKeys: [],
        disclosureCount: 0,
        outsideEea: !EEA.has(country.toUpperCase()),
      };
      recipients.set(id, entry);
    }
    entry.role ??= role;
    return entry;
  };
  for (const p of purposes.filter((p) => p.consent.allowed)) {
    for (const r of p.recipients) {
      const entry = recipientOf(r.name, r.country, r.role);
      if (!entry.purposeKeys.includes(p.key)) entry.purposeKeys.push(p.key);
    }
  }
  for (const d of disclosed) {
    const entry = recipientOf(d.name, d.country, null);
    entry.disclosureCount += Number(d.n);
    for (const key of d.purposeKeys) if (!entry.purposeKeys.includes(key)) entry.purposeKeys.push(key);
  }

  const base = options.appUrl.replace(/\/+$/, "");
  return {
    purposes,
    categories,
    recipients: [...recipients.values()],
    transfers: [...recipients.values()]
      .filter((r) => r.outsideEea)
      .map((r) => ({ recipient: r.name, country: r.country, countryName: r.countryName, purposeKeys: r.purposeKeys })),
    automatedDecisionMaking: {
      profiling: inferred.length > 0,
      legalOrSimilarlySignificantEffects: false,
      description: inferred.length > 0 ? t("art15.automatedIntro") : t("art15.automatedNone"),
      inferences: inferred.map((i) => ({
        id: i.id,
        kind: i.kind,
        label: i.label[locale] ?? i.label.en,
        derivedFrom: i.derivedFrom[locale] ?? i.derivedFrom.en,
        sourceCategories: i.sourceCategories,
      })),
    },
    rights: rightKeys.map((right) => ({
      right,
      article: rightPlaces[right].article,
      description: t(`rights.${right}`),
      url: rightPlaces[right].path ? `${base}${rightPlaces[right].path}` : DATATILSYNET_URL,
    })),
    complaintAuthority: { name: "Datatilsynet", url: DATATILSYNET_URL },
  };
}
