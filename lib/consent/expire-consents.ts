import "server-only";
import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import type { Db } from "@/db";
import { consentStates, customers, purposes } from "@/db/schema";
import { systemScope } from "@/lib/auth/customer-scope";
import { lockConsent, readConsentState, recordConsentEvent } from "./record-consent-event";

/**
 * Records an `expired` event for every granted consent whose lifetime has run out, dated
 * when it lapsed. Readers already treat a lapsed consent as withdrawn (evaluateConsent);
 * this makes it part of the record. Safe to run in several processes at once: each
 * consent is re-checked under its lock, so it expires exactly once.
 */
export async function expireLapsedConsents(
  db: Db,
  options: { now?: Date; batchSize?: number } = {},
): Promise<{ expired: number }> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 200;
  let expired = 0;
  for (;;) {
    const due = await db
      .select({ customerId: consentStates.customerId, purposeKey: consentStates.purposeKey })
      .from(consentStates)
      .where(
        and(eq(consentStates.granted, true), isNotNull(consentStates.expiresAt), lte(consentStates.expiresAt, now)),
      )
      .orderBy(asc(consentStates.expiresAt))
      .limit(batchSize);
    if (due.length === 0) return { expired };
    for (const { customerId, purposeKey } of due) {
      const done = await db.transaction(async (tx) => {
        await lockConsent(tx, customerId, purposeKey);
        const state = await readConsentState(tx, systemScope(customerId, "consent expiry"), purposeKey);
        if (!state?.granted || !state.expiresAt || state.expiresAt > now) return false;
        const [row] = await tx
          .select({ purpose: purposes, locale: customers.locale })
          .from(purposes)
          .innerJoin(customers, eq(customers.id, customerId))
          .where(and(eq(purposes.key, purposeKey), eq(purposes.version, state.purposeVersion)));
        if (!row) return false;
        await recordConsentEvent(tx, {
          customerId,
          purpose: row.purpose,
          action: "expired",
          source: { channel: "system", userAgent: null, locale: row.locale },
          method: "expiry",
          occurredAt: state.expiresAt,
        });
        return true;
      });
      if (done) expired++;
    }
    if (due.length < batchSize) return { expired };
  }
}
