import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { customers, purposes, type ConsentAction, type Purpose } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { isObjectable, isSwitchable } from "@/lib/purposes/purpose-dto";
import { lockConsent, readConsentState, recordConsentEvent, type ConsentSource } from "./record-consent-event";

type CurrentState = Awaited<ReturnType<typeof readConsentState>>;

export type { ConsentSource } from "./record-consent-event";

export type ConsentStateDto = {
  purposeKey: string;
  purposeVersion: number;
  granted: boolean;
  changedAt: Date;
  expiresAt: Date | null;
  /** The event written, or null when the state already was what was asked for. */
  eventId: number | null;
};

/** How the customer answered: the switch on the purposes page, the re-consent prompt, or a renewal. */
export type CustomerConsentMethod = "switch" | "reconsent_prompt" | "renewal";

/**
 * Sets the signed-in customer's choice for a published purpose: grant/withdraw for a
 * consent purpose, object/withdraw the objection for a legitimate-interest purpose
 * (GDPR Art. 21). `granted` means "may use my data". Appends the event and updates the
 * current state in one transaction; concurrent changes to the same (customer, purpose)
 * are serialised so the state always equals the last event.
 */
export async function setConsent(
  actor: Actor | null,
  input: {
    purposeKey: string;
    purposeVersion: number;
    granted: boolean;
    source: ConsentSource;
    method?: CustomerConsentMethod;
    /**
     * With the re-consent prompt: the version the customer agreed to, from which the changes
     * on screen were computed. The prompt shows only what changes, so it is only a true
     * account of the new version for someone who holds exactly that one.
     */
    agreedVersion?: number;
  },
): Promise<ConsentStateDto> {
  const customer = assertCustomer(actor, "consent.write.own");
  const method = input.method ?? "switch";
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
    const objectable = isObjectable(purpose);
    if (!isSwitchable(purpose) && !objectable) throw new AppError("forbidden", { messageKey: "notSwitchable" });
    if (purpose.version !== input.purposeVersion) throw new AppError("conflict", { messageKey: "purposeChanged" });

    const [exists] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.id, customer.customerId))
      .limit(1);
    if (!exists) throw new AppError("unauthenticated");

    await lockConsent(tx, customer.customerId, purpose.key);
    const current = await readConsentState(tx, customer, purpose.key);
    // Without a state, a consent purpose is off and a legitimate-interest purpose is in use.
    const currentlyGranted = current ? current.granted : objectable;
    const sameVersion = !current || current.purposeVersion === purpose.version || objectable;
    const renewal = method === "renewal" && input.granted && current?.expiresAt != null;
    if (currentlyGranted === input.granted && sameVersion && !renewal) {
      return {
        purposeKey: purpose.key,
        purposeVersion: current?.purposeVersion ?? purpose.version,
        granted: currentlyGranted,
        changedAt: current?.updatedAt ?? new Date(),
        expiresAt: current?.expiresAt ?? null,
        eventId: null,
      };
    }

    if (input.granted && !objectable) assertGrantMatchesScreen({ current, purpose, method, input });

    const action: ConsentAction = objectable
      ? input.granted
        ? "objection_withdrawn"
        : "objected"
      : input.granted
        ? "granted"
        : "withdrawn";
    const event = await recordConsentEvent(tx, {
      customerId: customer.customerId,
      purpose,
      action,
      source: input.source,
      method,
    });
    return {
      purposeKey: event.purposeKey,
      purposeVersion: event.purposeVersion,
      granted: event.granted,
      changedAt: event.occurredAt,
      expiresAt: event.expiresAt,
      eventId: event.eventId,
    };
  });
}

/**
 * A grant records the version whose texts were on screen. Someone who agreed to an older
 * version, still in force, only ever saw the new one as the changes from theirs: so moving
 * them to it takes the re-consent prompt, computed from exactly the version they hold. A
 * switch or a renewal (which show no changes) may not move them, and a prompt computed from
 * another version (withdrawn or answered in another tab since) is stale.
 */
function assertGrantMatchesScreen(options: {
  current: CurrentState;
  purpose: Purpose;
  method: CustomerConsentMethod;
  input: { agreedVersion?: number };
}): void {
  const { current, purpose, method, input } = options;
  const inForce = current !== null && current.granted && (!current.expiresAt || current.expiresAt > new Date());
  // An older consent that a not-material version carried over counts as the current one.
  const olderInForce = inForce && current.purposeVersion < (purpose.materialVersion ?? purpose.version);
  if (method === "reconsent_prompt") {
    if (!olderInForce || current.purposeVersion !== input.agreedVersion) {
      throw new AppError("conflict", { messageKey: "consentChanged" });
    }
  } else if (olderInForce) {
    throw new AppError("conflict", { messageKey: "reconsentRequired" });
  }
}
