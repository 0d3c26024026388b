"use server";

import { getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/actions/types";
import { defineAction } from "@/lib/define-action";
import { createWebhookSubscription } from "@/lib/integration/webhooks/create-webhook-subscription";
import { disableWebhookSubscription } from "@/lib/integration/webhooks/disable-webhook-subscription";
import { redeliverWebhookMessage } from "@/lib/integration/webhooks/redeliver-webhook-message";
import type { WebhookFormState } from "@/lib/integration/webhooks/webhook-form-state";
import {
  createWebhookSubscriptionSchema,
  webhookMessageRefSchema,
  webhookSubscriptionRefSchema,
} from "@/lib/integration/webhooks/webhook-schema";

const revalidate = { path: "/studio/integrations", type: "layout" } as const;
const saying = async (key: string) => ({ message: (await getTranslations("webhooks"))(key) });

export const createWebhookSubscriptionAction: FormAction<WebhookFormState> = defineAction({
  name: "create webhook subscription",
  area: "studio",
  schema: createWebhookSubscriptionSchema,
  messages: "webhooks",
  hiddenFields: { clientId: "not_found" },
  keepValues: true,
  principal: "actor",
  run: createWebhookSubscription,
  revalidate,
  // The secret goes back this once, in the action's result; it is never stored in the clear.
  ok: async ({ secret }) => ({ ...(await saying("create.created")), secret }),
});

export const disableWebhookSubscriptionAction: FormAction<WebhookFormState> = defineAction({
  name: "disable webhook subscription",
  area: "studio",
  schema: webhookSubscriptionRefSchema,
  messages: "webhooks",
  refusal: "form",
  hiddenFields: { subscriptionId: "not_found" },
  principal: "actor",
  run: disableWebhookSubscription,
  revalidate,
  ok: () => saying("subscriptions.disabled"),
});

export const redeliverWebhookMessageAction: FormAction<WebhookFormState> = defineAction({
  name: "redeliver webhook message",
  area: "studio",
  schema: webhookMessageRefSchema,
  messages: "webhooks",
  refusal: "form",
  hiddenFields: { messageId: "not_found" },
  principal: "actor",
  run: redeliverWebhookMessage,
  // No revalidation: the row keeps its button's answer; the log shows the new attempt on the next visit.
  ok: () => saying("log.queued"),
});
