import "server-only";
import { and, count, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { apiClients, webhookSubscriptions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { AppError } from "@/lib/errors";
import { assertWebhookManager, readManagedClient } from "./webhook-access";
import { createWebhookSubscriptionSchema, type CreateWebhookSubscriptionInput } from "./webhook-schema";
import { encryptWebhookSecret, newWebhookSecret } from "./webhook-secret";

/**
 * Active subscriptions a client may have: each change is signed and sent once per
 * subscription, so a client with hundreds would multiply every customer's disclosures and
 * the delivery work; a receiver that wants more event types takes them in one subscription.
 */
export const MAX_ACTIVE_SUBSCRIPTIONS = 20;

/** Subscribes a client's URL to event types; the signing secret is returned this once only. */
export async function createWebhookSubscription(
  actor: Actor | null,
  input: CreateWebhookSubscriptionInput,
): Promise<{ id: string; secret: string }> {
  const manager = assertWebhookManager(actor);
  const parsed = createWebhookSubscriptionSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    throw new AppError("invalid", { fieldErrors });
  }
  const { clientId, url, eventTypes } = parsed.data;
  const secret = newWebhookSecret();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const client = await readManagedClient(tx, manager, clientId);
    if (client.revokedAt) throw new AppError("conflict", { messageKey: "clientRevoked" });
    // The client's row locked: two subscriptions created at once are counted one after the other.
    await tx.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.id, clientId)).for("update");
    const [active] = await tx
      .select({ n: count() })
      .from(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.clientId, clientId), isNull(webhookSubscriptions.disabledAt)));
    if (active!.n >= MAX_ACTIVE_SUBSCRIPTIONS) {
      throw new AppError("conflict", { messageKey: "tooManySubscriptions" });
    }
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({ clientId, url, eventTypes, secretCiphertext: encryptWebhookSecret(secret) })
      .returning({ id: webhookSubscriptions.id });
    await appendAuditEntry(tx, manager, {
      action: "webhook_subscription.created",
      target: { type: "webhook_subscription", id: row!.id },
      after: { clientId, url, eventTypes },
    });
    return { id: row!.id, secret };
  });
}
