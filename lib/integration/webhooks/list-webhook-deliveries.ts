import "server-only";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { webhookAttempts, webhookMessages, webhookSubscriptions, type WebhookEventType } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { assertWebhookManager, readManagedClient } from "./webhook-access";

export const DELIVERIES_PAGE_SIZE = 20;

export type WebhookDeliveryDto = {
  id: number;
  messageId: string;
  subscriptionUrl: string;
  eventType: WebhookEventType;
  createdAt: Date;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttempt: { at: Date; statusCode: number | null; error: string | null } | null;
  /** Whether "Deliver again" applies (delivered or failed, and still something to send). */
  redeliverable: boolean;
};

export type WebhookAttemptDto = {
  id: number;
  attemptedAt: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  redelivered: boolean;
};

/** A client's delivery log, newest first, one page at a time (no payloads: they name customers). */
export async function listWebhookDeliveries(
  actor: Actor | null,
  input: { clientId: string; page?: number },
): Promise<{ items: WebhookDeliveryDto[]; page: number; pageCount: number; total: number }> {
  const manager = assertWebhookManager(actor);
  const db = await getDb();
  const client = await readManagedClient(db, manager, input.clientId);
  const mine = eq(webhookSubscriptions.clientId, client.id);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(webhookMessages)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookMessages.subscriptionId))
    .where(mine);
  const pageCount = Math.max(1, Math.ceil(total / DELIVERIES_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(input.page ?? 1) || 1), pageCount);
  const last = db
    .select({
      messageId: webhookAttempts.messageId,
      at: sql<Date>`max(${webhookAttempts.attemptedAt})`.as("last_at"),
    })
    .from(webhookAttempts)
    .groupBy(webhookAttempts.messageId)
    .as("last");
  const rows = await db
    .select({
      id: webhookMessages.id,
      messageId: webhookMessages.messageId,
      subscriptionUrl: webhookSubscriptions.url,
      eventType: webhookMessages.eventType,
      createdAt: webhookMessages.createdAt,
      status: webhookMessages.status,
      attempts: webhookMessages.attempts,
      nextAttemptAt: webhookMessages.nextAttemptAt,
      emptied: sql<boolean>`${webhookMessages.payload} = '{}'::jsonb`,
      lastAt: webhookAttempts.attemptedAt,
      lastStatus: webhookAttempts.statusCode,
      lastError: webhookAttempts.error,
    })
    .from(webhookMessages)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookMessages.subscriptionId))
    .leftJoin(last, eq(last.messageId, webhookMessages.id))
    .leftJoin(
      webhookAttempts,
      and(eq(webhookAttempts.messageId, webhookMessages.id), eq(webhookAttempts.attemptedAt, last.at)),
    )
    .where(mine)
    .orderBy(desc(webhookMessages.id))
    .limit(DELIVERIES_PAGE_SIZE)
    .offset((page - 1) * DELIVERIES_PAGE_SIZE);
  // Two attempts in the same microsecond would repeat a message: keep its first row.
  const seen = new Set<number>();
  const items = rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({
      id: r.id,
      messageId: r.messageId,
      subscriptionUrl: r.subscriptionUrl,
      eventType: r.eventType,
      createdAt: r.createdAt,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === "pending" ? r.nextAttemptAt : null,
      lastAttempt: r.lastAt ? { at: r.lastAt, statusCode: r.lastStatus, error: r.lastError } : null,
      redeliverable: r.status !== "pending" && !r.emptied,
    }));
  return { items, page, pageCount, total };
}

/** One message's attempts, newest first (the delivery log's detail, asked for per message). */
export async function listWebhookAttempts(
  actor: Actor | null,
  input: { clientId: string; messageId: number },
): Promise<WebhookAttemptDto[]> {
  const manager = assertWebhookManager(actor);
  const db = await getDb();
  const client = await readManagedClient(db, manager, input.clientId);
  const [message] = await db
    .select({ id: webhookMessages.id })
    .from(webhookMessages)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookMessages.subscriptionId))
    .where(and(eq(webhookMessages.id, input.messageId), eq(webhookSubscriptions.clientId, client.id)))
    .limit(1);
  if (!message) throw new AppError("not_found");
  const rows = await db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.messageId, message.id))
    .orderBy(desc(webhookAttempts.attemptedAt), desc(webhookAttempts.id))
    .limit(100);
  return rows.map((r) => ({
    id: r.id,
    attemptedAt: r.attemptedAt,
    statusCode: r.statusCode,
    error: r.error,
    durationMs: r.durationMs,
    redelivered: r.redeliveredBy !== null,
  }));
}
