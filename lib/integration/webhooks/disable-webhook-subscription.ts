import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { webhookMessages, webhookSubscriptions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { AppError } from "@/lib/errors";
import { assertWebhookManager, readManagedClient } from "./webhook-access";
import { webhookSubscriptionRefSchema } from "./webhook-schema";

/**
 * Stops a subscription for good: no new messages, and what is still pending fails at
 * once (erasure notices emptied with it), so nothing waits for a receiver we no longer send to.
 */
export async function disableWebhookSubscription(
  actor: Actor | null,
  input: { subscriptionId: string },
): Promise<void> {
  const manager = assertWebhookManager(actor);
  const { subscriptionId } = webhookSubscriptionRefSchema.parse(input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [subscription] = await tx
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, subscriptionId))
      .for("update")
      .limit(1);
    // Another client's subscription is not found, as an unknown one is.
    if (!subscription || (manager.kind === "api_client" && manager.clientId !== subscription.clientId)) {
      throw new AppError("not_found", { messageKey: "subscriptionNotFound" });
    }
    await readManagedClient(tx, manager, subscription.clientId);
    if (subscription.disabledAt) return;
    await tx
      .update(webhookSubscriptions)
      .set({ disabledAt: sql`now()` })
      .where(eq(webhookSubscriptions.id, subscriptionId));
    await tx
      .update(webhookMessages)
      .set({
        status: "failed",
        lockedUntil: null,
        payload: sql`case when ${webhookMessages.eventType} = 'customer.erased' then '{}'::jsonb else ${webhookMessages.payload} end`,
      })
      .where(and(eq(webhookMessages.subscriptionId, subscriptionId), eq(webhookMessages.status, "pending")));
    await appendAuditEntry(tx, manager, {
      action: "webhook_subscription.disabled",
      target: { type: "webhook_subscription", id: subscriptionId },
      before: { disabled: false },
      after: { disabled: true },
    });
  });
}
