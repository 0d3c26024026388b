import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { dataSubjectRequests, purposes, type Purpose } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import {
  lockConsent,
  readConsentState,
  recordConsentEvent,
  type ConsentSource,
} from "@/lib/consent/record-consent-event";
import { AppError } from "@/lib/errors";
import { isObjectable, isSwitchable } from "@/lib/purposes/purpose-dto";
import { waitingRequest } from "./answer-filed-request";
import { fileRequest, setRequestStatus } from "./record-request";
import { objectionSchema, parseRequestInput, type ObjectionInput } from "./request-schema";

/** Purposes a customer may object to: legitimate interest (Art. 21(1)) and, as direct marketing, every consent purpose. */
export function isObjectionTarget(purpose: Pick<Purpose, "legalBasis">): boolean {
  return isObjectable(purpose) || isSwitchable(purpose);
}

/**
 * Art. 21: objects to the chosen published purposes — an objection for a legitimate-interest
 * purpose, a withdrawal for a consent purpose, through the one consent writer — and files
 * the objection request with `{ purposeKeys }`, completed at once; all in one transaction.
 * An objection naming no purpose but giving a reason (e.g. to profiling) is filed as
 * received for staff to handle. Unknown or contract purposes are refused, nothing written.
 */
export async function objectToProcessing(
  actor: Actor | null,
  input: ObjectionInput & { source: Omit<ConsentSource, "channel"> },
): Promise<{ requestId: string; changed: string[] }> {
  const customer = assertCustomer(actor, "requests.write.own");
  const { purposeKeys, reason, confirms } = parseRequestInput(objectionSchema, {
    purposeKeys: input.purposeKeys,
    reason: input.reason,
    confirms: input.confirms,
  });
  // Confirming what customer service filed takes effect: it needs the uses to stop.
  if ((purposeKeys.length === 0 && !reason) || (confirms && purposeKeys.length === 0)) {
    throw new AppError("invalid", { fieldErrors: { purposeKeys: "objectionEmpty" } });
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const filed = confirms ? await waitingRequest(tx, customer, confirms, "objection") : null;
    const chosen =
      purposeKeys.length === 0
        ? []
        : await tx
            .select()
            .from(purposes)
            .where(and(inArray(purposes.key, purposeKeys), eq(purposes.status, "published")))
            // Key order: the consent locks below are taken in it, so two objections cannot deadlock.
            .orderBy(asc(purposes.key))
            // Holds off a concurrent publish of a new version until the events are written.
            .for("share");
    if (chosen.length !== purposeKeys.length || !chosen.every(isObjectionTarget)) {
      throw new AppError("invalid", { fieldErrors: { purposeKeys: "unknownPurpose" } });
    }
    const changed: string[] = [];
    for (const purpose of chosen) {
      await lockConsent(tx, customer.customerId, purpose.key);
      const state = await readConsentState(tx, customer, purpose.key);
      // Without a state, a consent purpose is off and a legitimate-interest purpose is in use.
      const inUse = state ? state.granted : isObjectable(purpose);
      if (!inUse) continue;
      await recordConsentEvent(tx, {
        customerId: customer.customerId,
        purpose,
        action: isObjectable(purpose) ? "objected" : "withdrawn",
        source: { ...input.source, channel: "web" },
        method: "objection_request",
      });
      changed.push(purpose.key);
    }
    if (filed) {
      await tx
        .update(dataSubjectRequests)
        .set({ details: { purposeKeys }, reason: reason ?? filed.reason })
        .where(and(eq(dataSubjectRequests.id, filed.id), customerScope(dataSubjectRequests, customer)));
      await setRequestStatus(tx, { requestId: filed.id, scope: customer, to: "completed" });
      return { requestId: filed.id, changed };
    }
    const request = await fileRequest(tx, {
      customerId: customer.customerId,
      kind: "objection",
      reason,
      details: { purposeKeys },
      steps: purposeKeys.length > 0 ? ["completed"] : [],
    });
    return { requestId: request.id, changed };
  });
}
