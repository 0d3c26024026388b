import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  consentEvents,
  consentStates,
  type ConsentAction,
  type ConsentMethod,
  type ConsentSourceChannel,
  type Purpose,
} from "@/db/schema";
import { customerScope, type CustomerScope } from "@/lib/auth/customer-scope";
import type { Locale } from "@/lib/i18n/locales";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue-webhook-event";

export type ConsentSource = {
  channel: ConsentSourceChannel;
  userAgent: string | null;
  locale: Locale;
  gpc?: boolean;
};

export type RecordedConsent = {
  eventId: number;
  purposeKey: string;
  purposeVersion: number;
  action: ConsentAction;
  granted: boolean;
  occurredAt: Date;
  expiresAt: Date | null;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether an action leaves the purpose free to use the customer's data. */
export function actionAllowsUse(action: ConsentAction): boolean {
  return action === "granted" || action === "objection_withdrawn";
}

/**
 * Serialises every change to one (customer, purpose) for the rest of the transaction.
 * recordConsentEvent takes it itself; a caller that reads the state to decide what to
 * write takes it first, so the state cannot change between its read and the write.
 * Re-entrant: taking it again in the same transaction returns at once. A caller that
 * locks several purposes takes them in key order, so two such callers cannot deadlock.
 */
export async function lockConsent(tx: Tx, customerId: string, purposeKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`consent:${customerId}:${purposeKey}`}, 0))`);
}

export async function readConsentState(tx: Tx, scope: CustomerScope, purposeKey: string) {
  const [state] = await tx
    .select()
    .from(consentStates)
    .where(and(customerScope(consentStates, scope), eq(consentStates.purposeKey, purposeKey)));
  return state ?? null;
}

/**
 * The one place a consent event is written: under the (customer, purpose) lock, appends
 * to the log and sets the current state from it, inside the caller's transaction, so the
 * state always equals the last event. The caller has checked the actor and the purpose.
 */
export async function recordConsentEvent(
  tx: Tx,
  input: {
    customerId: string;
    purpose: Purpose;
    action: ConsentAction;
    source: ConsentSource;
    method: ConsentMethod;
    /** Defaults to the statement time; the expiry sweep passes the moment the consent lapsed. */
    occurredAt?: Date;
  },
): Promise<RecordedConsent> {
  const { purpose } = input;
  await lockConsent(tx, input.customerId, purpose.key);
  const shownText = purpose.texts[input.source.locale] ?? purpose.texts.en;
  // statement_timestamp(), not now(): this statement runs after the lock was taken, so
  // events queued on the same lock keep their order in time; and it is one value for
  // both columns, so a consent ends exactly its lifetime after it was given.
  const occurredAt = input.occurredAt ?? sql`statement_timestamp()`;
  const lifetime = input.action === "granted" ? purpose.consentLifetimeDays : null;
  const expiresAt = !lifetime
    ? null
    : input.occurredAt
      ? new Date(input.occurredAt.getTime() + lifetime * DAY_MS)
      : sql`statement_timestamp() + make_interval(days => ${lifetime})`;
  const [event] = await tx
    .insert(consentEvents)
    .values({
      customerId: input.customerId,
      purposeKey: purpose.key,
      purposeVersion: purpose.version,
      action: input.action,
      sourceChannel: input.source.channel,
      userAgent: input.source.userAgent?.slice(0, 512) ?? null,
      locale: input.source.locale,
      shownText,
      gpc: input.source.gpc ?? false,
      method: input.method,
      occurredAt,
      expiresAt,
    })
    .returning({ id: consentEvents.id, occurredAt: consentEvents.occurredAt, expiresAt: consentEvents.expiresAt });
  if (!event) throw new Error("consent event insert returned no row");

  const granted = actionAllowsUse(input.action);
  const state = {
    purposeVersion: purpose.version,
    granted,
    lastAction: input.action,
    expiresAt: event.expiresAt,
    lastEventId: event.id,
    updatedAt: event.occurredAt,
  };
  await tx
    .insert(consentStates)
    .values({ customerId: input.customerId, purposeKey: purpose.key, ...state })
    .onConflictDoUpdate({ target: [consentStates.customerId, consentStates.purposeKey], set: state });
  await enqueueWebhookEvent(tx, {
    type: "consent.changed",
    customerId: input.customerId,
    data: {
      purposeKey: purpose.key,
      purposeVersion: purpose.version,
      action: input.action,
      granted,
      occurredAt: event.occurredAt.toISOString(),
      expiresAt: event.expiresAt?.toISOString() ?? null,
      source: input.source.channel,
    },
  });
  return {
    eventId: event.id,
    purposeKey: purpose.key,
    purposeVersion: purpose.version,
    action: input.action,
    granted,
    occurredAt: event.occurredAt,
    expiresAt: event.expiresAt,
  };
}
