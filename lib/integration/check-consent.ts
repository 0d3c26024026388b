import "server-only";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import {
  communicationPreferences,
  consentEvents,
  consentStates,
  customers,
  dataSubjectRequests,
  erasedReferences,
  purposes,
  type CommunicationChannel,
  type Purpose,
} from "@/db/schema";
import type { Actor, ApiClientActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { evaluateConsent } from "@/lib/consent/effective-consent";
import { restrictedSinceColumn, restrictionInForceOn } from "@/lib/consent/restriction";
import { AppError } from "@/lib/errors";
import { decideContact } from "@/lib/preferences/may-contact";
import { consentReason, decisionReasons, type DecisionReason } from "./decision-reasons";
import type { CustomerReference } from "./customer-reference";
import { erasedReferenceHash } from "@/lib/outbox/enqueue-webhook-event";
import { recordApiCall } from "./record-api-call";
import { recordApiReads } from "./record-api-reads";
import { sqlArray } from "./sql-array";

export { decisionReasons, type DecisionReason };

export type ConsentDecision = {
  customer: string;
  decision: "allow" | "deny";
  reason: DecisionReason;
  /** For a consent in force: the version the customer agreed to (older than the purpose's while they have not answered the new one). */
  consentVersion: number | null;
  /** When the customer's last choice about this purpose was made (null: never asked, or not theirs to make). */
  since: Date | null;
  expiresAt: Date | null;
  /** Agreed to an older version: use follows that version until they answer. */
  needsReconsent: boolean;
};

export type ConsentCheck = {
  purpose: { key: string; version: number };
  channel: CommunicationChannel | null;
  checkedAt: Date;
  results: ConsentDecision[];
};

/**
 * "May purpose P use these customers' data (through channel X) now?" for an API client:
 * one customer (`consent.read`) or a campaign audience (`consent.check.bulk`). The answer
 * comes from `evaluateConsent` and `decideContact`, the rules the portal and the newsletter
 * sender use. Each customer found gets a system access in their access log, in the same
 * transaction as the read.
 */
export async function checkConsent(
  actor: Actor | null,
  input: {
    purposeKey: string;
    channel?: CommunicationChannel | null;
    references: readonly CustomerReference[];
    mode: "one" | "bulk";
    now?: Date;
  },
): Promise<ConsentCheck> {
  const scope = input.mode === "one" ? "consent.read" : "consent.check.bulk";
  assertCan(actor, scope);
  if (actor.kind !== "api_client") throw new AppError("forbidden");
  const client: ApiClientActor = actor;
  const now = input.now ?? new Date();
  const channel = input.channel ?? null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const versions = await tx.select().from(purposes).where(eq(purposes.key, input.purposeKey));
    const current = versions.find((v) => v.status === "published");
    if (!current) throw new AppError("not_found", { messageKey: "purposeNotFound" });

    const found = await readSubjects(tx, current, input.references, channel);
    const byReference = new Map<string, SubjectRow>();
    for (const row of found) {
      byReference.set(`n:${row.customerNumber}`, row);
      byReference.set(`p:${row.pseudonymousId}`, row);
    }
    const keyOf = (ref: CustomerReference) => `${ref.kind === "number" ? "n" : "p"}:${ref.value}`;
    const missing = input.references.filter((ref) => !byReference.has(keyOf(ref)));
    const erased = await readErased(tx, missing);

    if (input.mode === "one" && found.length === 0 && erased.size === 0) {
      throw new AppError("not_found", { messageKey: "customerNotFound" });
    }
    await recordApiReads(tx, client, {
      customerIds: [...new Set(found.map((row) => row.customerId))],
      purposeKey: current.key,
    });
    await recordApiCall(tx, client, {
      scope,
      operation: input.mode === "one" ? "checkConsent" : "checkConsentBulk",
      status: 200,
      customerId: input.mode === "one" ? (found[0]?.customerId ?? null) : null,
      subjects: found.length,
    });

    const channelsOf = new Map(versions.map((v) => [v.version, v.channels]));
    const results = input.references.map((ref): ConsentDecision => {
      const row = byReference.get(keyOf(ref));
      if (!row) {
        const reason = erased.has(erasedReferenceHash(ref.kind === "number" ? "n" : "p", ref.value))
          ? "erased"
          : "unknown_customer";
        return { customer: ref.given, decision: "deny", reason, ...noConsent };
      }
      return decide(ref.given, current, row, { channel, channelsOf, now });
    });
    return { purpose: { key: current.key, version: current.version }, channel, checkedAt: now, results };
  });
}

const noConsent = { consentVersion: null, since: null, expiresAt: null, needsReconsent: false };

type SubjectRow = Awaited<ReturnType<typeof readSubjects>>[number];

/** The customers named, with their state for this purpose, in one statement. */
async function readSubjects(
  tx: Tx,
  purpose: Purpose,
  references: readonly CustomerReference[],
  channel: CommunicationChannel | null,
) {
  const numbers = references.filter((r) => r.kind === "number").map((r) => r.value);
  const pseudonyms = references.filter((r) => r.kind === "pseudonym").map((r) => r.value);
  if (numbers.length === 0 && pseudonyms.length === 0) return [];
  return tx
    .select({
      customerId: customers.id,
      customerNumber: customers.customerNumber,
      pseudonymousId: customers.pseudonymousId,
      state: {
        purposeVersion: consentStates.purposeVersion,
        granted: consentStates.granted,
        expiresAt: consentStates.expiresAt,
        lastEventId: consentStates.lastEventId,
        updatedAt: consentStates.updatedAt,
      },
      gpc: consentEvents.gpc,
      restrictedSince: restrictedSinceColumn,
      channelAllowed: channel ? communicationPreferences.allowed : sql<null>`null`,
    })
    .from(customers)
    .leftJoin(consentStates, and(eq(consentStates.customerId, customers.id), eq(consentStates.purposeKey, purpose.key)))
    .leftJoin(
      consentEvents,
      and(eq(consentEvents.id, consentStates.lastEventId), eq(consentEvents.customerId, customers.id)),
    )
    // At most one restriction in force per customer (a unique index): never multiplies rows.
    .leftJoin(dataSubjectRequests, restrictionInForceOn(customers.id))
    .leftJoin(
      communicationPreferences,
      and(
        eq(communicationPreferences.customerId, customers.id),
        eq(communicationPreferences.channel, channel ?? "email"),
        eq(communicationPreferences.topic, purpose.key),
        sql`${channel !== null}`,
      ),
    )
    .where(
      or(
        numbers.length > 0 ? sql`${customers.customerNumber} = any(${sqlArray(numbers, "bigint")})` : undefined,
        pseudonyms.length > 0 ? sql`${customers.pseudonymousId} = any(${sqlArray(pseudonyms, "uuid")})` : undefined,
      ),
    );
}

/** Which of these references belonged to a customer who has been erased (kept as keyed pseudonyms only). */
async function readErased(tx: Tx, references: readonly CustomerReference[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const hashes = references.map((ref) => erasedReferenceHash(ref.kind === "number" ? "n" : "p", ref.value));
  const rows = await tx
    .select({ hash: erasedReferences.referenceHash })
    .from(erasedReferences)
    .where(inArray(erasedReferences.referenceHash, hashes));
  return new Set(rows.map((row) => row.hash));
}

function decide(
  given: string,
  purpose: Purpose,
  row: SubjectRow,
  context: { channel: CommunicationChannel | null; channelsOf: Map<number, string[]>; now: Date },
): ConsentDecision {
  const state = row.state?.lastEventId == null ? null : row.state;
  const consent = evaluateConsent(purpose, state, { restrictedSince: row.restrictedSince, now: context.now });
  const facts = {
    customer: given,
    consentVersion: consent.consentVersion,
    since: consent.legalBasis === "contract" || consent.legalBasis === "legal_obligation" ? null : (state?.updatedAt ?? null),
    expiresAt: consent.expiresAt,
    needsReconsent: consent.needsReconsent,
  };
  if (!consent.allowed) return { ...facts, decision: "deny", reason: consentReason(consent, row.gpc === true) };
  const { channel } = context;
  if (channel) {
    if (!purpose.channels.includes(channel)) return { ...facts, decision: "deny", reason: "channel_not_offered" };
    const contact = decideContact({
      consent,
      agreedChannels: consent.needsReconsent ? (context.channelsOf.get(consent.consentVersion ?? -1) ?? []) : null,
      channel,
      preference: row.channelAllowed ?? undefined,
    });
    if (!contact.allowed) {
      const reason = contact.blockedBy === "needs_reconsent" ? "channel_needs_reconsent" : "channel_switched_off";
      return { ...facts, decision: "deny", reason };
    }
  }
  return { ...facts, decision: "allow", reason: consentReason(consent, false) };
}
