import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { consentEvents, purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { isObjectable, isSwitchable } from "@/lib/purposes/purpose-dto";
import { readPurposesWithConsent } from "./effective-consent";
import { lockConsent, readConsentState, recordConsentEvent, type ConsentSource } from "./record-consent-event";

/**
 * A request with `Sec-GPC: 1` is the customer's opt-out of selling or sharing their data
 * (Global Privacy Control). For every published purpose that shares data with third
 * parties, it records a withdrawal (or an objection, for legitimate interest) unless the
 * purpose is already off, or the customer switched it on themselves while their browser
 * sent the signal — an explicit choice made on this page is not overridden.
 * Returns the purpose keys it switched off.
 */
export async function applyGlobalPrivacyControl(
  actor: Actor | null,
  source: Omit<ConsentSource, "channel" | "gpc">,
): Promise<string[]> {
  const customer = assertCustomer(actor, "consent.write.own");
  const db = await getDb();
  // A cheap read first: most requests have nothing to change.
  const candidates = await readPurposesWithConsent(db, customer, eq(purposes.sharesWithThirdParties, true));
  const due = candidates.filter(
    ({ purpose, state, last }) =>
      (isSwitchable(purpose) || isObjectable(purpose)) && state?.granted !== false && last?.gpc !== true,
  );
  if (due.length === 0) return [];

  const switchedOff: string[] = [];
  for (const { purpose } of due) {
    const changed = await db.transaction(async (tx) => {
      await lockConsent(tx, customer.customerId, purpose.key);
      const state = await readConsentState(tx, customer, purpose.key);
      if (state && !state.granted) return false;
      if (state) {
        const [last] = await tx
          .select({ gpc: consentEvents.gpc })
          .from(consentEvents)
          .where(and(eq(consentEvents.id, state.lastEventId), customerScope(consentEvents, customer)));
        if (last?.gpc) return false;
      }
      await recordConsentEvent(tx, {
        customerId: customer.customerId,
        purpose,
        action: isObjectable(purpose) ? "objected" : "withdrawn",
        source: { ...source, channel: "web", gpc: true },
        method: "gpc_signal",
      });
      return true;
    });
    if (changed) switchedOff.push(purpose.key);
  }
  return switchedOff;
}
