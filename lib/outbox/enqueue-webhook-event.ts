import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor, Tx } from "@/db";
import {
  apiClients,
  customers,
  disclosures,
  erasedReferences,
  webhookMessages,
  webhookSubscriptions,
  type WebhookEventType,
} from "@/db/schema";
import { pseudonymise } from "@/lib/security/hash";

// The transactional outbox: a change that other systems must hear about writes its
// webhook messages (and the disclosure each one is) in the change's own transaction, so
// the change and the notice commit or roll back together. Delivery is elsewhere
// (lib/integration/webhooks/); this file imports only db/ and security/, so the writers
// (consent, preferences, requests, erasure) can call it without an area cycle.

/** What each event sends besides the customer's identifiers (as the data category the customer sees). */
const sentCategory: Record<WebhookEventType, string> = {
  "consent.changed": "consentChoices",
  "preference.changed": "contactPreferences",
  "request.filed": "requests",
  "customer.erased": "customerReference",
};

/**
 * The disclosure's purpose for events that are not about one purpose: keeping the
 * customer's rights (requests, erasure) and their contact choices across systems.
 */
export const WEBHOOK_RIGHTS_PURPOSE = "data_subject_rights";

export type WebhookEventInput =
  | { type: "consent.changed"; customerId: string; data: { purposeKey: string } & Record<string, unknown> }
  | {
      type: "preference.changed";
      customerId: string;
      data: { changes: { channel: string; topic: string; allowed: boolean }[] } & Record<string, unknown>;
    }
  | { type: "request.filed"; customerId: string; data: Record<string, unknown> };

type Subscriber = { subscriptionId: string; clientName: string; clientCountry: string };

/** The keyed pseudonym that orders one customer's messages (also after their row is gone). */
export function webhookOrderKey(customerId: string): string {
  return pseudonymise("webhook order", customerId);
}

/** The keyed pseudonym of an erased customer's number ("n") or pseudonymous id ("p"). */
export function erasedReferenceHash(kind: "n" | "p", value: string | number): string {
  return pseudonymise("erased reference", `${kind}:${value}`);
}

function newMessageId(): string {
  return `msg_${randomBytes(18).toString("base64url")}`;
}

async function subscribersOf(tx: Executor, type: WebhookEventType): Promise<Subscriber[]> {
  return tx
    .select({
      subscriptionId: webhookSubscriptions.id,
      clientName: apiClients.name,
      clientCountry: apiClients.country,
    })
    .from(webhookSubscriptions)
    .innerJoin(apiClients, eq(apiClients.id, webhookSubscriptions.clientId))
    .where(
      and(
        isNull(webhookSubscriptions.disabledAt),
        isNull(apiClients.revokedAt),
        sql`${type} = any(${webhookSubscriptions.eventTypes})`,
      ),
    )
    .orderBy(webhookSubscriptions.id);
}

function disclosurePurpose(event: WebhookEventInput): string {
  switch (event.type) {
    case "consent.changed":
      return event.data.purposeKey;
    case "preference.changed":
      return event.data.changes[0]?.topic ?? WEBHOOK_RIGHTS_PURPOSE;
    default:
      return WEBHOOK_RIGHTS_PURPOSE;
  }
}

/**
 * Writes one outbox message per active subscription (not disabled, client not revoked)
 * that wants this event type, and one disclosure per message, in the caller's
 * transaction. Writes nothing when no subscription wants it. Returns how many messages.
 */
export async function enqueueWebhookEvent(tx: Tx, event: WebhookEventInput): Promise<number> {
  const subscribers = await subscribersOf(tx, event.type);
  if (subscribers.length === 0) return 0;
  const [customer] = await tx
    .select({ customerNumber: customers.customerNumber, pseudonymousId: customers.pseudonymousId })
    .from(customers)
    .where(eq(customers.id, event.customerId))
    .limit(1);
  if (!customer) return 0;
  const timestamp = new Date();
  const payload = {
    type: event.type,
    timestamp: timestamp.toISOString(),
    data: {
      customer: { customerNumber: customer.customerNumber, pseudonymousId: customer.pseudonymousId },
      ...event.data,
    },
  };
  const orderKey = webhookOrderKey(event.customerId);
  const rows = subscribers.map((s) => ({
    messageId: newMessageId(),
    subscriptionId: s.subscriptionId,
    customerId: event.customerId,
    orderKey,
    eventType: event.type,
    payload,
  }));
  await tx.insert(webhookMessages).values(rows);
  await tx.insert(disclosures).values(
    subscribers.map((s, i) => ({
      customerId: event.customerId,
      recipientName: s.clientName,
      recipientCountry: s.clientCountry,
      purposeKey: disclosurePurpose(event),
      dataCategories: ["customerReference", sentCategory[event.type]],
      reference: `${event.type} ${rows[i]!.messageId}`,
      disclosedAt: timestamp,
    })),
  );
  wakeWebhookDelivery();
  return rows.length;
}

/**
 * After an erasure's deletes, in its transaction: the Art. 19 notice to every subscriber
 * of customer.erased (no customer id: the row is gone; the identifiers a receiver needs
 * to find its copy, emptied once delivered or failed), and the erased references the
 * decision API answers "erased" from. No disclosure row: the customer no longer exists.
 */
export async function enqueueErasureNotice(
  tx: Tx,
  input: { customerId: string; customerNumber: number; pseudonymousId: string },
): Promise<number> {
  await tx
    .insert(erasedReferences)
    .values([
      { referenceHash: erasedReferenceHash("n", input.customerNumber) },
      { referenceHash: erasedReferenceHash("p", input.pseudonymousId) },
    ])
    .onConflictDoNothing();
  const subscribers = await subscribersOf(tx, "customer.erased");
  if (subscribers.length === 0) return 0;
  const payload = {
    type: "customer.erased",
    timestamp: new Date().toISOString(),
    data: { customer: { customerNumber: input.customerNumber, pseudonymousId: input.pseudonymousId } },
  };
  const orderKey = webhookOrderKey(input.customerId);
  await tx.insert(webhookMessages).values(
    subscribers.map((s) => ({
      messageId: newMessageId(),
      subscriptionId: s.subscriptionId,
      customerId: null,
      orderKey,
      eventType: "customer.erased" as const,
      payload,
    })),
  );
  wakeWebhookDelivery();
  return subscribers.length;
}

/**
 * The systems that would be told of a customer's erasure now (GDPR Art. 19): each active
 * client subscribed to `customer.erased`, once, by name and country — what the customer is
 * shown before deciding, since afterwards there is no page of theirs to show it on.
 */
export async function erasureNoticeRecipients(db: Executor): Promise<{ name: string; country: string }[]> {
  const byName = new Map<string, { name: string; country: string }>();
  for (const s of await subscribersOf(db, "customer.erased")) {
    byName.set(`${s.clientName}\u0000${s.clientCountry}`, { name: s.clientName, country: s.clientCountry });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name) || a.country.localeCompare(b.country));
}

// The delivery worker of this process registers here, so a commit that enqueued is
// delivered at once rather than at the next poll. Called before the caller commits, it
// looks a moment later (and again), when the transaction has usually committed; the
// one-second poll covers the rest.
const wakeHolder = globalThis as typeof globalThis & { __tillitWebhookWake?: () => void };

export function registerWebhookWake(wake: (() => void) | undefined): void {
  wakeHolder.__tillitWebhookWake = wake;
}

function wakeWebhookDelivery(): void {
  const wake = wakeHolder.__tillitWebhookWake;
  if (!wake) return;
  setTimeout(wake, 25).unref();
  setTimeout(wake, 250).unref();
}
