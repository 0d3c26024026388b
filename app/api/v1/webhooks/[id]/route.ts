import { defineApiRoute, methodNotAllowed } from "@/lib/define-api-route";
import { operations } from "@/lib/integration/api-operations";
import { webhookSubscriptionJson } from "@/lib/integration/webhook-subscription-dto";
import { disableWebhookSubscription } from "@/lib/integration/webhooks/disable-webhook-subscription";
import { listWebhookSubscriptions } from "@/lib/integration/webhooks/list-webhook-subscriptions";

export const DELETE = defineApiRoute(operations.disableWebhook, async (client, { params }) => {
  await disableWebhookSubscription(client, { subscriptionId: params.id });
  const { subscriptions } = await listWebhookSubscriptions(client, { clientId: client.clientId });
  return { body: webhookSubscriptionJson(subscriptions.find((s) => s.id === params.id)!) };
});

export const GET = methodNotAllowed("DELETE");
export const POST = GET;
export const PUT = GET;
export const PATCH = GET;
