import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { webhookMessages, webhookSubscriptions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { AppError } from "@/lib/errors";
import { REDELIVERED_ACTION } from "./deliver-webhooks";
import { assertWebhookManager, readManagedClient } from "./webhook-access";
import { webhookMessageRefSchema } from "./webhook-schema";

/**
 * "Deliver again": a delivered or failed message is pending and due now, with the same
 * webhook-id. The audit entry names who asked; the next attempt records them. An erasure
 * notice whose payload is already emptied cannot be sent again. Past the 24-hour window a
 * failed retry fails it again at once.
 */
export async function redeliverWebhookMessage(actor: Actor | null, input: { messageId: number }): Promise<void> {
  const manager = assertWebhookManager(actor);
  const { messageId } = webhookMessageRefSchema.parse(input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [message] = await tx
      .select({
        id: webhookMessages.id,
        status: webhookMessages.status,
        eventType: webhookMessages.eventType,
        payload: webhookMessages.payload,
        clientId: webhookSubscriptions.clientId,
        disabledAt: webhookSubscriptions.disabledAt,
      })
      .from(webhookMessages)
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookMessages.subscriptionId))
      .where(eq(webhookMessages.id, messageId))
      .for("update", { of: webhookMessages })
      .limit(1);
    if (!message) throw new AppError("not_found");
    const client = await readManagedClient(tx, manager, message.clientId);
    if (message.status === "pending") throw new AppError("conflict", { messageKey: "alreadyPending" });
    if (message.disabledAt || client.revokedAt) throw new AppError("conflict", { messageKey: "subscriptionInactive" });
    if (Object.keys(message.payload).length === 0) throw new AppError("conflict", { messageKey: "payloadGone" });
    await tx
      .update(webhookMessages)
      .set({ status: "pending", nextAttemptAt: sql`now()`, lockedUntil: null, deliveredAt: null })
      .where(eq(webhookMessages.id, message.id));
    await appendAuditEntry(tx, manager, {
      action: REDELIVERED_ACTION,
      target: { type: "webhook_message", id: String(message.id) },
      before: { status: message.status },
      after: { status: "pending" },
    });
  });
}
