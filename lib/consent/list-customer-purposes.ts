import "server-only";
import { getDb } from "@/db";
import type { ConsentAction, ConsentMethod } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
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
  return rows.map(({ purpose, state, last, restrictedSince }) => {
    const dto = toPurposeDto(purpose, locale);
    const consent = evaluateConsent(purpose, state, { restrictedSince, now });
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
    };
  });
}
