import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Executor } from "@/db";
import { rowsOf } from "@/db/rows-of";
import {
  apiClients,
  auditLog,
  webhookAttempts,
  webhookMessages,
  webhookSubscriptions,
  type WebhookEventType,
} from "@/db/schema";
import { decryptWebhookSecret, signWebhook } from "./webhook-secret";
import { sendWebhookRequest } from "./webhook-transport";

// Delivery from the outbox, at least once, in order per (subscription, customer):
// claim the oldest pending message of each order key that is due (FOR UPDATE SKIP LOCKED,
// so several processes share the work), give it a lease and commit; post it outside any
// transaction; record the attempt and mark it delivered, or schedule the next try. A
// process killed mid-post leaves a lease that lapses, and the message is claimed again
// with the same webhook-id (receivers deduplicate on it).

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_LEASE_SECONDS = 60;
/** Retries stop this long after the event; the message is then failed and the next one may go. */
export const WEBHOOK_RETRY_HOURS = 24;
const BASE_DELAY_SECONDS = 5;
const MAX_DELAY_SECONDS = 10 * 60;

/** Seconds until the next try after `attempts` failed ones: 5 s · 2^(n−1), at most 10 min, ±25 % jitter. */
export function retryDelaySeconds(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_DELAY_SECONDS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_SECONDS);
  return base * (0.75 + random() * 0.5);
}

export type ClaimedWebhook = {
  id: number;
  messageId: string;
  eventType: WebhookEventType;
  payload: Record<string, unknown>;
  url: string;
  secretCiphertext: string;
  inactive: "SubscriptionDisabled" | "ClientRevoked" | null;
};

/** Claims due head-of-line messages and leases them; committed before anything is sent. */
export async function claimDueWebhooks(
  db: Db,
  options: { limit?: number; leaseSeconds?: number } = {},
): Promise<ClaimedWebhook[]> {
  const limit = options.limit ?? 20;
  const lease = options.leaseSeconds ?? WEBHOOK_LEASE_SECONDS;
  return db.transaction(async (tx) => {
    const due = rowsOf<{ id: number | string }>(
      await tx.execute(sql`
        select m.id from webhook_messages m
        where m.status = 'pending'
          and m.next_attempt_at <= clock_timestamp()
          and (m.locked_until is null or m.locked_until < clock_timestamp())
          and not exists (
            select 1 from webhook_messages p
            where p.subscription_id = m.subscription_id and p.order_key = m.order_key
              and p.status = 'pending' and p.id < m.id)
        order by m.next_attempt_at, m.id
        limit ${limit}
        for update of m skip locked`),
    ).map((r) => Number(r.id));
    if (due.length === 0) return [];
    await tx
      .update(webhookMessages)
      .set({ lockedUntil: sql`clock_timestamp() + make_interval(secs => ${lease})` })
      .where(inArray(webhookMessages.id, due));
    const rows = await tx
      .select({
        id: webhookMessages.id,
        messageId: webhookMessages.messageId,
        eventType: webhookMessages.eventType,
        payload: webhookMessages.payload,
        url: webhookSubscriptions.url,
        secretCiphertext: webhookSubscriptions.secretCiphertext,
        disabledAt: webhookSubscriptions.disabledAt,
        revokedAt: apiClients.revokedAt,
      })
      .from(webhookMessages)
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookMessages.subscriptionId))
      .innerJoin(apiClients, eq(apiClients.id, webhookSubscriptions.clientId))
      .where(inArray(webhookMessages.id, due))
      .orderBy(webhookMessages.id);
    return rows.map(({ disabledAt, revokedAt, ...row }) => ({
      ...row,
      inactive: revokedAt ? "ClientRevoked" : disabledAt ? "SubscriptionDisabled" : null,
    }));
  });
}

export type DeliveryOutcome = { statusCode: number | null; error: string | null; durationMs: number };

/**
 * The error's class as the log keeps it: a network code (ECONNREFUSED, or EPRIVATEADDRESS
 * for a receiver inside our network), else the error's name; never its message.
 */
function errorClass(error: unknown): string {
  for (const candidate of [(error as { cause?: unknown } | null)?.cause, error]) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code === "string") return code.slice(0, 64);
  }
  return error instanceof Error ? error.name.slice(0, 64) : "unknown";
}

/** Posts one message, signed, with a timeout and without following redirects. */
export async function postWebhook(message: ClaimedWebhook): Promise<DeliveryOutcome> {
  const started = Date.now();
  if (message.inactive) return { statusCode: null, error: message.inactive, durationMs: 0 };
  try {
    const body = JSON.stringify(message.payload);
    const headers = signWebhook({
      secret: decryptWebhookSecret(message.secretCiphertext),
      messageId: message.messageId,
      timestamp: Math.floor(Date.now() / 1000),
      body,
    });
    const response = await sendWebhookRequest(message.url, {
      headers: { ...headers, "content-type": "application/json", "user-agent": "Tillit-Webhooks/1" },
      body,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
    });
    return { statusCode: response.status, error: null, durationMs: Date.now() - started };
  } catch (error) {
    return { statusCode: null, error: errorClass(error), durationMs: Date.now() - started };
  }
}

const emptiedWhenDone = sql`case when ${webhookMessages.eventType} = 'customer.erased' then '{}'::jsonb else ${webhookMessages.payload} end`;

/** Records the attempt and moves the message on: delivered on 2xx, else retried until 24 h after the event, then failed. */
export async function recordWebhookOutcome(
  db: Db,
  message: Pick<ClaimedWebhook, "id" | "inactive">,
  outcome: DeliveryOutcome,
): Promise<"delivered" | "pending" | "failed"> {
  const delivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  return db.transaction(async (tx) => {
    const redeliveredBy = await pendingRedeliverer(tx, message.id);
    await tx.insert(webhookAttempts).values({
      messageId: message.id,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs: Math.max(0, Math.round(outcome.durationMs)),
      redeliveredBy,
    });
    if (delivered) {
      await tx
        .update(webhookMessages)
        .set({
          status: "delivered",
          deliveredAt: sql`clock_timestamp()`,
          attempts: sql`${webhookMessages.attempts} + 1`,
          lockedUntil: null,
          payload: emptiedWhenDone,
        })
        .where(and(eq(webhookMessages.id, message.id), eq(webhookMessages.status, "pending")));
      return "delivered";
    }
    const [row] = await tx
      .select({ attempts: webhookMessages.attempts })
      .from(webhookMessages)
      .where(eq(webhookMessages.id, message.id))
      .limit(1);
    const delay = retryDelaySeconds((row?.attempts ?? 0) + 1);
    const giveUp = message.inactive
      ? sql`true`
      : sql`${webhookMessages.createdAt} + make_interval(hours => ${WEBHOOK_RETRY_HOURS}) <= clock_timestamp()`;
    const [updated] = await tx
      .update(webhookMessages)
      .set({
        attempts: sql`${webhookMessages.attempts} + 1`,
        lockedUntil: null,
        status: sql`case when ${giveUp} then 'failed' else 'pending' end`,
        nextAttemptAt: sql`clock_timestamp() + make_interval(secs => ${delay})`,
        payload: sql`case when ${giveUp} then ${emptiedWhenDone} else ${webhookMessages.payload} end`,
      })
      .where(and(eq(webhookMessages.id, message.id), eq(webhookMessages.status, "pending")))
      .returning({ status: webhookMessages.status });
    return updated?.status === "failed" ? "failed" : "pending";
  });
}

/** The staff member who asked for this message again since its last attempt (from the audit log), if any. */
async function pendingRedeliverer(tx: Executor, messageId: number): Promise<string | null> {
  const [last] = await tx
    .select({ at: webhookAttempts.attemptedAt })
    .from(webhookAttempts)
    .where(eq(webhookAttempts.messageId, messageId))
    .orderBy(desc(webhookAttempts.attemptedAt))
    .limit(1);
  const [entry] = await tx
    .select({ actorId: auditLog.actorId, occurredAt: auditLog.occurredAt })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, REDELIVERED_ACTION),
        eq(auditLog.targetType, "webhook_message"),
        eq(auditLog.targetId, String(messageId)),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (!entry || (last && entry.occurredAt <= last.at)) return null;
  return entry.actorId;
}

export const REDELIVERED_ACTION = "webhook_message.redelivered";

/**
 * Delivers what is due until nothing is (or `maxRounds` claims ran). Each round sends at
 * most one message per order key, so a customer's next message goes only after the one
 * before it is delivered or failed.
 */
export async function runDueWebhooks(
  db: Db,
  options: { maxRounds?: number; limit?: number; leaseSeconds?: number } = {},
): Promise<{ attempted: number; delivered: number }> {
  let attempted = 0;
  let delivered = 0;
  for (let round = 0; round < (options.maxRounds ?? 50); round += 1) {
    const claimed = await claimDueWebhooks(db, options);
    if (claimed.length === 0) break;
    const results = await Promise.all(
      claimed.map(async (message) => recordWebhookOutcome(db, message, await postWebhook(message))),
    );
    attempted += results.length;
    delivered += results.filter((r) => r === "delivered").length;
  }
  return { attempted, delivered };
}

/** Hourly: delivered and failed messages (and their attempts) older than 30 days go. */
export async function pruneWebhookMessages(db: Executor): Promise<number> {
  const removed = await db
    .delete(webhookMessages)
    .where(
      and(
        inArray(webhookMessages.status, ["delivered", "failed"]),
        sql`${webhookMessages.createdAt} < now() - interval '30 days'`,
      ),
    )
    .returning({ id: webhookMessages.id });
  return removed.length;
}
