import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { customers, purposes, type LegalBasis } from "@/db/schema";
import { systemScope } from "@/lib/auth/customer-scope";
import type { Locale } from "@/lib/i18n/locales";
import { isObjectable, isSwitchable } from "@/lib/purposes/purpose-dto";
import { ensureAuthSecret } from "@/lib/security/secret";
import { lockConsent, readConsentState, recordConsentEvent } from "./record-consent-event";
import { readUnsubscribeToken } from "./unsubscribe-token";

export type LinkTarget = {
  /** The customer's own language, for the page and the one-click answer. */
  locale: Locale;
  purposeKey: string;
  /** In the customer's language; null when no version of the purpose exists. */
  purposeName: string | null;
  legalBasis: LegalBasis | null;
  eventId: number | null;
};

export type WithdrawByLinkResult =
  /** Not a genuine, unexpired link for an existing customer. Every such case looks the same. */
  | { outcome: "invalid" }
  /** withdrawn/objected now, already off, or the purpose cannot be switched off by link. */
  | ({ outcome: "withdrawn" | "already_off" | "not_in_use" | "not_switchable" } & LinkTarget);

export type UnsubscribeLinkPreview =
  | { outcome: "invalid" }
  /** `in_use`: switched on (or, for legitimate interest, not objected to); the press would switch it off. */
  | ({ outcome: "in_use" | "already_off" | "not_in_use" | "not_switchable" } & LinkTarget);

/**
 * One-click opt-out from a link in a message (RFC 8058), without signing in. The
 * principal is the link itself: a token that names exactly one customer and one
 * purpose, and can only ever switch that purpose off (withdraw a consent, or object to
 * a legitimate-interest purpose). Idempotent: an opt-out already on record writes
 * nothing. A consent given to an older version is withdrawn against the published one.
 */
export async function withdrawByLink(
  token: string,
  request: { userAgent: string | null; now?: Date },
): Promise<WithdrawByLinkResult> {
  const result = await followLink(token, { ...request, write: true });
  if (result.outcome === "in_use") throw new Error("followLink in write mode never stops at in_use");
  return result as WithdrawByLinkResult;
}

/**
 * What the link would do, without doing it: opening /unsubscribe/<token> shows this with
 * an "Unsubscribe" button, because mail gateways open (GET, HEAD) every link in a mail.
 * Writes nothing.
 */
export async function previewUnsubscribeLink(token: string, request: { now?: Date } = {}): Promise<UnsubscribeLinkPreview> {
  const result = await followLink(token, { userAgent: null, now: request.now, write: false });
  if (result.outcome === "withdrawn") throw new Error("followLink in preview mode never withdraws");
  return result as UnsubscribeLinkPreview;
}

type Followed = { outcome: "invalid" } | ({ outcome: "withdrawn" | UnsubscribeLinkPreview["outcome"] } & LinkTarget);

async function followLink(
  token: string,
  request: { userAgent: string | null; now?: Date; write: boolean },
): Promise<Followed> {
  const claims = await readUnsubscribeToken(token, { secret: ensureAuthSecret(), now: request.now });
  if (!claims) return { outcome: "invalid" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ locale: customers.locale })
      .from(customers)
      .where(eq(customers.id, claims.customerId))
      .limit(1);
    if (!customer) return { outcome: "invalid" };
    const { locale } = customer;
    const [purpose] = await tx
      .select()
      .from(purposes)
      .where(and(eq(purposes.key, claims.purposeKey), eq(purposes.status, "published")))
      .limit(1)
      // Holds off a concurrent publish of a new version until this event is written.
      .for("share");
    const base = { locale, purposeKey: claims.purposeKey, eventId: null };
    if (!purpose) {
      const [latest] = await tx
        .select({ texts: purposes.texts, legalBasis: purposes.legalBasis })
        .from(purposes)
        .where(eq(purposes.key, claims.purposeKey))
        .orderBy(desc(purposes.version))
        .limit(1);
      return {
        ...base,
        outcome: "not_in_use",
        purposeName: latest ? latest.texts[locale].name : null,
        legalBasis: latest?.legalBasis ?? null,
      };
    }
    const named = { ...base, purposeName: purpose.texts[locale].name, legalBasis: purpose.legalBasis };
    const objectable = isObjectable(purpose);
    if (!isSwitchable(purpose) && !objectable) return { ...named, outcome: "not_switchable" };

    if (request.write) await lockConsent(tx, claims.customerId, purpose.key);
    const current = await readConsentState(tx, systemScope(claims.customerId, "unsubscribe link"), purpose.key);
    // Without a state, a consent purpose is off and a legitimate-interest purpose is in use.
    const inUse = current ? current.granted : objectable;
    if (!inUse) return { ...named, outcome: "already_off" };
    if (!request.write) return { ...named, outcome: "in_use" };
    const event = await recordConsentEvent(tx, {
      customerId: claims.customerId,
      purpose,
      action: objectable ? "objected" : "withdrawn",
      source: { channel: "email", userAgent: request.userAgent, locale },
      method: "unsubscribe_link",
    });
    return { ...named, outcome: "withdrawn", eventId: event.eventId };
  });
}
