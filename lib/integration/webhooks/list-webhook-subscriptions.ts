import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { webhookSubscriptions, type WebhookEventType } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertWebhookManager, readManagedClient } from "./webhook-access";

export type WebhookSubscriptionDto = {
  id: string;
  url: string;
  eventTypes: WebhookEventType[];
  createdAt: Date;
  disabledAt: Date | null;
};

export type WebhookClientDto = { id: string; name: string; revoked: boolean };

/** A client's subscriptions, newest first (never their secrets). */
export async function listWebhookSubscriptions(
  actor: Actor | null,
  input: { clientId: string },
): Promise<{ client: WebhookClientDto; subscriptions: WebhookSubscriptionDto[] }> {
  const manager = assertWebhookManager(actor);
  const db = await getDb();
  const client = await readManagedClient(db, manager, input.clientId);
  const subscriptions = await db
    .select({
      id: webhookSubscriptions.id,
      url: webhookSubscriptions.url,
      eventTypes: webhookSubscriptions.eventTypes,
      createdAt: webhookSubscriptions.createdAt,
      disabledAt: webhookSubscriptions.disabledAt,
    })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.clientId, client.id))
    .orderBy(desc(webhookSubscriptions.createdAt), desc(webhookSubscriptions.id));
  return { client: { id: client.id, name: client.name, revoked: client.revokedAt !== null }, subscriptions };
}
