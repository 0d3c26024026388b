import "server-only";
import { and, eq, or } from "drizzle-orm";
import { getDb } from "@/db";
import { purposes, type ConsentAction, type ConsentMethod, type Purpose } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { diffPurposeVersions, type PurposeChange } from "@/lib/purposes/purpose-changes";
import { toPurposeDto, type PurposeDto } from "@/lib/purposes/purpose-dto";
import { evaluateConsent, readPurposesWithConsent, type ConsentStatus } from "./effective-consent";

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
  const evaluated = rows.map((row) => ({
    ...row,
    consent: evaluateConsent(row.purpose, row.state, { restrictedSince: row.restrictedSince, now }),
  }));
  const agreed = await agreedVersions(
    evaluated.flatMap(({ consent }) =>
      consent.needsReconsent && consent.consentVersion !== null
        ? [{ key: consent.purposeKey, version: consent.consentVersion }]
        : [],
    ),
  );
  return evaluated.map(({ purpose, state, last, consent }) => {
    const dto = toPurposeDto(purpose, locale);
    const agreedTo = consent.needsReconsent
      ? agreed.find((p) => p.key === purpose.key && p.version === consent.consentVersion)
      : undefined;
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

/** The (retired) versions customers agreed to; purposes are not customer data, so no scope. */
async function agreedVersions(wanted: { key: string; version: number }[]): Promise<Purpose[]> {
  if (wanted.length === 0) return [];
  const db = await getDb();
  return db
    .select()
    .from(purposes)
    .where(or(...wanted.map((w) => and(eq(purposes.key, w.key), eq(purposes.version, w.version)))));
}
