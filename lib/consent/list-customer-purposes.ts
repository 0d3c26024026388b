import "server-only";
import { asc, desc, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { consentStates, purposes, type ConsentAction, type ConsentMethod, type Purpose } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { diffPurposeVersions, type PurposeChange } from "@/lib/purposes/purpose-changes";
import { toPurposeDto, type PurposeDto } from "@/lib/purposes/purpose-dto";
import { evaluateConsent, readPurposesWithConsent, withTermsInForce, type ConsentStatus } from "./effective-consent";

/** A consent this close to its end is offered for renewal. */
export const RENEWAL_WINDOW_DAYS = 30;

export type CustomerPurposeDto = PurposeDto & {
  /** For switchable and objectable purposes: may it use the customer's data now. Null otherwise. */
  granted: boolean | null;
  status: ConsentStatus;
  changedAt: Date | null;
  /** The version the customer's consent was given to, when older than the published one. */
  consentVersion: number | null;
  needsReconsent: boolean;
  expiresAt: Date | null;
  renewalDue: boolean;
  lastChange: { action: ConsentAction; method: ConsentMethod; gpc: boolean } | null;
  /** Set while the customer's restriction of processing (Art. 18) pauses this purpose. */
  restrictedSince: Date | null;
  /**
   * Set while a newer version waits for the customer's answer: the version they agreed to
   * (which still applies), when, and what the published version changes from it.
   */
  versionChange: VersionChangeDto | null;
};

export type VersionChangeDto = {
  agreedVersion: number;
  agreedAt: Date | null;
  /** The version that applies until the customer answers, as they read it when they agreed. */
  agreed: PurposeDto;
  changes: PurposeChange[];
};

/** The published purposes with the signed-in customer's own consent state. */
export async function listCustomerPurposes(
  actor: Actor | null,
  locale: Locale,
  now: Date = new Date(),
): Promise<CustomerPurposeDto[]> {
  const customer = assertCustomer(actor, "consent.read.own");
  const db = await getDb();
  const rows = await readPurposesWithConsent(db, customer);
  const evaluated = await withTermsInForce(
    db,
    rows.map((row) => ({
      ...row,
      consent: evaluateConsent(row.purpose, row.state, { restrictedSince: row.restrictedSince, now }),
    })),
  );
  return evaluated.map(({ purpose, state, last, consent, terms }) => {
    const dto = toPurposeDto(purpose, locale);
    const agreedTo = terms !== purpose ? terms : undefined;
    const paused = consent.status === "restricted";
    const choosable = dto.switchable || dto.objectable;
    const renewalDue =
      consent.status === "granted" &&
      consent.expiresAt !== null &&
      consent.expiresAt.getTime() - now.getTime() <= RENEWAL_WINDOW_DAYS * 24 * 60 * 60 * 1000;
    return {
      ...dto,
      // The customer's own choice: a restriction pauses use but does not change the choice.
      granted: choosable ? consent.allowed || paused : null,
      status: consent.status,
      changedAt: choosable ? (state?.updatedAt ?? null) : null,
      consentVersion: consent.needsReconsent ? consent.consentVersion : null,
      needsReconsent: consent.needsReconsent,
      expiresAt: consent.expiresAt,
      renewalDue,
      lastChange: last && last.action ? last : null,
      restrictedSince: paused ? consent.restrictedSince : null,
      versionChange: agreedTo
        ? {
            agreedVersion: agreedTo.version,
            agreedAt: state?.updatedAt ?? null,
            agreed: toPurposeDto(agreedTo, locale),
            changes: diffPurposeVersions(agreedTo, purpose, locale),
          }
        : null,
    };
  });
}

/** A purpose the customer had answered that the company no longer uses (retired), and since when. */
export type RetiredPurposeDto = { key: string; name: string; retiredAt: Date | null; hadGranted: boolean };

/**
 * The customer's consents to purposes that have no published version any more: they no longer
 * count (only published purposes are evaluated), and the purposes page says so, from when.
 */
export async function listRetiredPurposes(actor: Actor | null, locale: Locale): Promise<RetiredPurposeDto[]> {
  const customer = assertCustomer(actor, "consent.read.own");
  const db = await getDb();
  const answered = await db
    .select({ key: consentStates.purposeKey, granted: consentStates.granted })
    .from(consentStates)
    .where(customerScope(consentStates, customer));
  if (answered.length === 0) return [];
  const versions = await db
    .select()
    .from(purposes)
    .where(
      inArray(
        purposes.key,
        answered.map((a) => a.key),
      ),
    )
    .orderBy(asc(purposes.key), desc(purposes.version));
  const latest = new Map<string, Purpose>();
  for (const version of versions) if (!latest.has(version.key)) latest.set(version.key, version);
  return answered.flatMap(({ key, granted }) => {
    const version = latest.get(key);
    if (!version || version.status !== "retired") return [];
    const text = version.texts[locale] ?? version.texts.en;
    return [{ key, name: text.name, retiredAt: version.retiredAt, hadGranted: granted }];
  });
}
