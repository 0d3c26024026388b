import "server-only";
import { getDb } from "@/db";
import { webhookSubscriptions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { AppError } from "@/lib/errors";
import { assertWebhookManager, readManagedClient } from "./webhook-access";
import { createWebhookSubscriptionSchema, type CreateWebhookSubscriptionInput } from "./webhook-schema";
import { encryptWebhookSecret, newWebhookSecret } from "./webhook-secret";

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
