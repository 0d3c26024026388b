import { defineApiRoute, methodNotAllowed } from "@/lib/define-api-route";
import { operations } from "@/lib/integration/api-operations";
import { webhookSubscriptionJson } from "@/lib/integration/webhook-subscription-dto";
import { createWebhookSubscription } from "@/lib/integration/webhooks/create-webhook-subscription";
import { listWebhookSubscriptions } from "@/lib/integration/webhooks/list-webhook-subscriptions";

export const GET = defineApiRoute(operations.listWebhooks, async (client) => {
  const { subscriptions } = await listWebhookSubscriptions(client, { clientId: client.clientId });
  return { body: { subscriptions: subscriptions.map(webhookSubscriptionJson) } };
});

export const POST = defineApiRoute(operations.createWebhook, async (client, { body }) => {
  const { id, secret } = await createWebhookSubscription(client, { clientId: client.clientId, ...body });
  const { subscriptions } = await listWebhookSubscriptions(client, { clientId: client.clientId });
  const created = subscriptions.find((s) => s.id === id)!;
  return { status: 201, body: { ...webhookSubscriptionJson(created), secret } };
});

export const PUT = methodNotAllowed("GET", "POST");
export const PATCH = PUT;
export const DELETE = PUT;
