import { z } from "zod";
import { webhookEventTypes } from "@/db/schema";
import { isPrivateHost, privateReceiversAllowed } from "./webhook-address";

// What a subscription may point at. https only, unless TILLIT_WEBHOOK_ALLOW_HTTP=1 (tests,
// the local demo); in production no address inside our own network (webhook-address.ts).

export { webhookEventTypes };

/** Why a URL may not receive webhooks (a message key), or null. Reads the environment at call time. */
export function webhookUrlProblem(raw: string): "invalidUrl" | "httpsOnly" | "privateHost" | null {
  if (!URL.canParse(raw)) return "invalidUrl";
  const url = new URL(raw);
  if (url.username || url.password) return "invalidUrl";
  const allowHttp = process.env.TILLIT_WEBHOOK_ALLOW_HTTP === "1";
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) return "httpsOnly";
  if (!privateReceiversAllowed() && isPrivateHost(url.hostname)) return "privateHost";
  return null;
}

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(2000, "tooLong")
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const webhookEventTypesSchema = z
  .array(z.enum(webhookEventTypes, { error: "unknownEventType" }), { error: "chooseEventType" })
  .min(1, "chooseEventType")
  .max(webhookEventTypes.length)
  .transform((types) => webhookEventTypes.filter((t) => types.includes(t)));

export const createWebhookSubscriptionSchema = z.strictObject({
  clientId: z.string().trim().min(1).max(100),
  url: webhookUrlSchema,
  eventTypes: webhookEventTypesSchema,
});
/** As a caller sends it (an API body, a form): checked by the use case. */
export type CreateWebhookSubscriptionInput = { clientId: string; url: string; eventTypes: readonly string[] };

export const webhookSubscriptionRefSchema = z.strictObject({
  subscriptionId: z.string().trim().min(1).max(100),
});

export const webhookMessageRefSchema = z.strictObject({
  messageId: z.coerce.number().int().positive(),
});
