import "server-only";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Tx } from "@/db";
import { prebuiltStatement } from "@/db/prebuilt-statement";
import {
  apiEventDrops,
  consentEvents,
  consentStates,
  customers,
  dataSubjectRequests,
  erasedReferences,
  interactionEvents,
  purposes,
  type Purpose,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { evaluateConsent } from "@/lib/consent/effective-consent";
import { restrictedSinceColumn, restrictionInForceOn } from "@/lib/consent/restriction";
import { AppError } from "@/lib/errors";
import { FUTURE_TOLERANCE_MS, type eventsRequest } from "./api-operations";
import { parseCustomerReference, type CustomerReference } from "./customer-reference";
import { consentReason, type DecisionReason } from "./decision-reasons";
import { erasedReferenceHash } from "@/lib/outbox/enqueue-webhook-event";
import { recordApiCall } from "./record-api-call";
import { recordApiReads } from "./record-api-reads";
import { sqlArray } from "./sql-array";

type EventInput = z.output<typeof eventsRequest>["events"][number];
export type EventOutcome = { status: "stored" } | { status: "dropped"; reason: DecisionReason };

/**
 * Interaction events from another system (web, app, store, support), stored only when
 * their purpose may use the customer's data now (`evaluateConsent`, as everywhere): an
 * event without a valid consent, or for a restricted, erased or unknown customer, is not
 * stored — only counted per client, day, purpose and reason — and the answer says so per
 * event. A purpose not in use refuses the whole batch (nothing stored).
 */
export async function collectEvents(
  actor: Actor | null,
  input: { events: readonly EventInput[]; now?: Date },
): Promise<{ stored: number; dropped: number; results: EventOutcome[] }> {
  assertCan(actor, "events.write");
  if (actor.kind !== "api_client") throw new AppError("forbidden");
  const now = input.now ?? new Date();
  const future = input.events.flatMap((event, i) =>
    Date.parse(event.occurredAt) > now.getTime() + FUTURE_TOLERANCE_MS ? [i] : [],
  );
  if (future.length > 0) {
    throw new AppError("invalid", {
      fieldErrors: Object.fromEntries(future.map((i) => [`events.${i}.occurredAt`, "eventInFuture"])),
    });
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const keys = [...new Set(input.events.map((e) => e.purpose))];
    const inUse = await tx
      .select()
      .from(purposes)
      .where(and(inArray(purposes.key, keys), eq(purposes.status, "published")));
    const purposeOf = new Map(inUse.map((p) => [p.key, p]));
    const unknown = input.events.flatMap((e, i) => (purposeOf.has(e.purpose) ? [] : [i]));
    if (unknown.length > 0) {
      throw new AppError("invalid", {
        messageKey: "unknownPurposes",
        fieldErrors: Object.fromEntries(unknown.map((i) => [`events.${i}.purpose`, "purposeNotFound"])),
      });
    }

    const references = input.events.map((e) => parseCustomerReference(e.customer)!);
    const subjects = await readSubjects(tx, references, keys);
    const erased = await readErased(
      tx,
      references.filter((ref) => !subjects.has(keyOf(ref))),
    );

    const results: EventOutcome[] = [];
    const rows: StoredEvent[] = [];
    const drops = new Map<string, { purposeKey: string; reason: DecisionReason; events: number }>();
    // Stored or dropped, the answer tells the client how the customer stands on the purpose:
    // a read about them, which their access log shows like any consent check.
    const checked = new Map<string, Set<string>>();
    input.events.forEach((event, i) => {
      const ref = references[i]!;
      const subject = subjects.get(keyOf(ref));
      if (subject) checked.set(event.purpose, (checked.get(event.purpose) ?? new Set()).add(subject.customerId));
      const outcome = subject
        ? decide(purposeOf.get(event.purpose)!, subject, now)
        : ({ status: "dropped", reason: erased.has(hashOf(ref)) ? "erased" : "unknown_customer" } as const);
      results.push(outcome);
      if (outcome.status === "stored") {
        rows.push({
          customer_id: subject!.customerId,
          channel: event.channel,
          kind: event.type,
          occurred_at: new Date(event.occurredAt).toISOString(),
          detail: event.properties ?? null,
          purpose_key: event.purpose,
        });
      } else {
        const key = `${event.purpose}:${outcome.reason}`;
        const drop = drops.get(key) ?? { purposeKey: event.purpose, reason: outcome.reason, events: 0 };
        drop.events++;
        drops.set(key, drop);
      }
    });

    if (rows.length > 0) await insertEvents(tx, { events: JSON.stringify(rows), clientId: actor.clientId });
    for (const [purposeKey, customerIds] of checked) {
      await recordApiReads(tx, actor, { customerIds: [...customerIds], purposeKey });
    }
    if (drops.size > 0) {
      await tx
        .insert(apiEventDrops)
        .values([...drops.values()].map((d) => ({ ...d, clientId: actor.clientId, day: sql`oslo_day(now())` })))
        .onConflictDoUpdate({
          target: [apiEventDrops.clientId, apiEventDrops.day, apiEventDrops.purposeKey, apiEventDrops.reason],
          set: { events: sql`${apiEventDrops.events} + excluded.events` },
        });
    }
    await recordApiCall(tx, actor, {
      scope: "events.write",
      operation: "collectEvents",
      status: 200,
      subjects: new Set([...subjects.values()].map((s) => s.customerId)).size,
    });
    return { stored: rows.length, dropped: input.events.length - rows.length, results };
  });
}

/** An event to store, as the JSON object `insertEvents` unpacks (the table's column names). */
type StoredEvent = {
  customer_id: string;
  channel: (typeof interactionEvents.$inferInsert)["channel"];
  kind: string;
  occurred_at: string;
  detail: Record<string, string | number | boolean> | null;
  purpose_key: string;
};

// A batch's stored events as ONE parameter, a JSON array unpacked by jsonb_to_recordset: as
// a multi-row VALUES list, 1,000 events were 7,000 parameters — too many to prepare, so two
// round trips, and ~20 ms of drizzle building them on every batch.
const insertEvents = prebuiltStatement(
  () => sql`
    insert into ${interactionEvents} (customer_id, channel, kind, occurred_at, detail, purpose_key, api_client_id)
    select customer_id, channel, kind, occurred_at, detail, purpose_key, ${sql.placeholder("clientId")}
    from jsonb_to_recordset(${sql.placeholder("events")}::jsonb)
      as event(customer_id text, channel text, kind text, occurred_at timestamptz, detail jsonb, purpose_key text)`,
);

const keyOf = (ref: CustomerReference) => `${ref.kind === "number" ? "n" : "p"}:${ref.value}`;
const hashOf = (ref: CustomerReference) => erasedReferenceHash(ref.kind === "number" ? "n" : "p", ref.value);

type Subject = {
  customerId: string;
  restrictedSince: Date | null;
  states: Map<string, { purposeVersion: number; granted: boolean; expiresAt: Date | null; lastEventId: number; gpc: boolean }>;
};

/** The customers named, with their consent states for the batch's purposes, by both references. */
async function readSubjects(tx: Tx, references: CustomerReference[], keys: string[]): Promise<Map<string, Subject>> {
  const numbers = [...new Set(references.filter((r) => r.kind === "number").map((r) => r.value))];
  const pseudonyms = [...new Set(references.filter((r) => r.kind === "pseudonym").map((r) => r.value))];
  const rows = await tx
    .select({
      customerId: customers.id,
      customerNumber: customers.customerNumber,
      pseudonymousId: customers.pseudonymousId,
      restrictedSince: restrictedSinceColumn,
      purposeKey: consentStates.purposeKey,
      purposeVersion: consentStates.purposeVersion,
      granted: consentStates.granted,
      expiresAt: consentStates.expiresAt,
      lastEventId: consentStates.lastEventId,
      gpc: consentEvents.gpc,
    })
    .from(customers)
    .leftJoin(
      consentStates,
      and(eq(consentStates.customerId, customers.id), sql`${consentStates.purposeKey} = any(${sqlArray(keys, "text")})`),
    )
    .leftJoin(
      consentEvents,
      and(eq(consentEvents.id, consentStates.lastEventId), eq(consentEvents.customerId, customers.id)),
    )
    // At most one restriction in force per customer (a unique index): never multiplies rows.
    .leftJoin(dataSubjectRequests, restrictionInForceOn(customers.id))
    .where(
      or(
        numbers.length > 0 ? sql`${customers.customerNumber} = any(${sqlArray(numbers, "bigint")})` : undefined,
        pseudonyms.length > 0 ? sql`${customers.pseudonymousId} = any(${sqlArray(pseudonyms, "uuid")})` : undefined,
      ),
    )
    // The read is logged in system_reads, which no foreign key guards: see check-consent.ts.
    .for("key share", { of: customers });
  const subjects = new Map<string, Subject>();
  for (const row of rows) {
    const subject = subjects.get(`n:${row.customerNumber}`) ?? {
      customerId: row.customerId,
      restrictedSince: row.restrictedSince,
      states: new Map(),
    };
    if (row.purposeKey && row.lastEventId !== null) {
      subject.states.set(row.purposeKey, {
        purposeVersion: row.purposeVersion!,
        granted: row.granted!,
        expiresAt: row.expiresAt,
        lastEventId: row.lastEventId,
        gpc: row.gpc === true,
      });
    }
    subjects.set(`n:${row.customerNumber}`, subject);
    subjects.set(`p:${row.pseudonymousId}`, subject);
  }
  return subjects;
}

async function readErased(tx: Tx, references: CustomerReference[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const rows = await tx
    .select({ hash: erasedReferences.referenceHash })
    .from(erasedReferences)
    .where(inArray(erasedReferences.referenceHash, [...new Set(references.map(hashOf))]));
  return new Set(rows.map((row) => row.hash));
}

function decide(purpose: Purpose, subject: Subject, now: Date): EventOutcome {
  const state = subject.states.get(purpose.key) ?? null;
  const consent = evaluateConsent(purpose, state, { restrictedSince: subject.restrictedSince, now });
  return consent.allowed ? { status: "stored" } : { status: "dropped", reason: consentReason(consent, state?.gpc === true) };
}
