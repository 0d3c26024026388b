import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { consentEvents, consentSources, consentStates, customers, purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { isSwitchable } from "@/lib/purposes/purpose-dto";

export type ConsentSource = {
  channel: (typeof consentSources)[number];
  userAgent: string | null;
  locale: Locale;
  gpc?: boolean;
};

export type ConsentStateDto = { purposeKey: string; purposeVersion: number; granted: boolean; changedAt: Date };

/**
 * Grants or withdraws the signed-in customer's consent to a published, consent-based
 * purpose. Appends the event and updates the current state in one transaction;
 * concurrent changes to the same (customer, purpose) are serialised so the state
 * always equals the last event.
 */
export async function setConsent(
  actor: Actor | null,
  input: { purposeKey: string; purposeVersion: number; granted: boolean; source: ConsentSource },
): Promise<ConsentStateDto> {
  const customer = assertCustomer(actor, "consent.write.own");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [purpose] = await tx
      .select()
      .from(purposes)
      .where(and(eq(purposes.key, input.purposeKey), eq(purposes.status, "published")))
      .limit(1)
      // Holds off a concurrent publish of a new version until this event is written.
      .for("share");
    if (!purpose) throw new AppError("not_found", { messageKey: "purposeNotFound" });
    if (!isSwitchable(purpose)) throw new AppError("forbidden", { messageKey: "notSwitchable" });
    if (purpose.version !== input.purposeVersion) throw new AppError("conflict", { messageKey: "purposeChanged" });

    const [exists] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.id, customer.customerId))
      .limit(1);
    if (!exists) throw new AppError("unauthenticated");

    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`consent:${customer.customerId}:${purpose.key}`}, 0))`,
    );
    const [current] = await tx
      .select()
      .from(consentStates)
      .where(and(eq(consentStates.customerId, customer.customerId), eq(consentStates.purposeKey, purpose.key)));
    if (current && current.granted === input.granted && current.purposeVersion === purpose.version) {
      return {
        purposeKey: purpose.key,
        purposeVersion: purpose.version,
        granted: current.granted,
        changedAt: current.updatedAt,
      };
    }

    const shownText = purpose.texts[input.source.locale] ?? purpose.texts.en;
    const [event] = await tx
      .insert(consentEvents)
      .values({
        customerId: customer.customerId,
        purposeKey: purpose.key,
        purposeVersion: purpose.version,
        action: input.granted ? "granted" : "withdrawn",
        sourceChannel: input.source.channel,
        userAgent: input.source.userAgent?.slice(0, 512) ?? null,
        locale: input.source.locale,
        shownText,
        gpc: input.source.gpc ?? false,
        occurredAt: sql`clock_timestamp()`,
      })
      .returning({ id: consentEvents.id, occurredAt: consentEvents.occurredAt });
    if (!event) throw new Error("consent event insert returned no row");

    const state = {
      purposeVersion: purpose.version,
      granted: input.granted,
      lastEventId: event.id,
      updatedAt: event.occurredAt,
    };
    await tx
      .insert(consentStates)
      .values({ customerId: customer.customerId, purposeKey: purpose.key, ...state })
      .onConflictDoUpdate({ target: [consentStates.customerId, consentStates.purposeKey], set: state });
    return {
      purposeKey: purpose.key,
      purposeVersion: purpose.version,
      granted: input.granted,
      changedAt: event.occurredAt,
    };
  });
}
