import type { WebhookSubscriptionDto } from "./webhooks/list-webhook-subscriptions";

/** A subscription as /api/v1/webhooks shows it (never its secret). */
export function webhookSubscriptionJson(s: WebhookSubscriptionDto) {
  return {
    id: s.id,
    url: s.url,
    eventTypes: s.eventTypes,
    createdAt: s.createdAt.toISOString(),
    disabledAt: s.disabledAt?.toISOString() ?? null,
  };
}
