import { z } from "zod";
import { webhookEventTypes } from "@/db/schema";
import { isPrivateHost, privateReceiversAllowed } from "./webhook-address";

// What a subscription may point at. https only, unless TILLIT_WEBHOOK_ALLOW_HTTP=1 (tests,
// the local demo); in production no address inside our own network (webhook-address.ts).

export { webhookEventTypes };

// A URL parser forgives much that would make the address stored (and shown to staff) differ
// from where deliveries go: whitespace and line breaks it drops, a backslash it reads as a
// slash ("http://a.example\@b.example/" goes to a.example), "http:b.example" without the
// slashes. Such a URL is refused; the one kept is the parser's own spelling of it.
const unseenOrAmbiguous = /[\s\\\p{Cc}\p{Cf}\p{Cs}]/u;
const schemeAndSlashes = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Why a URL may not receive webhooks (a message key), or null. Reads the environment at call time. */
export function webhookUrlProblem(raw: string): "invalidUrl" | "httpsOnly" | "privateHost" | null {
  if (!URL.canParse(raw) || unseenOrAmbiguous.test(raw) || !schemeAndSlashes.test(raw)) return "invalidUrl";
  const url = new URL(raw);
  // Credentials, even empty ones ("http://:@host/"): a receiver authenticates by the signature.
  const authority = raw.slice(raw.indexOf("//") + 2).split(/[/?#]/, 1)[0]!;
  if (authority.includes("@")) return "invalidUrl";
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
    // The message is the key forms look up; the code is the API's (invalid_url, https_only…).
    if (problem) {
      ctx.addIssue({
        code: "custom",
        message: problem,
        params: { code: problem.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) },
      });
    }
  })
  .transform((value) => new URL(value).href);

export const webhookEventTypesSchema = z
  .array(z.enum(webhookEventTypes, { error: "unknownEventType" }), { error: "chooseEventType" })
  .min(1, "chooseEventType")
  // Each type once, whatever the list repeats (the body's size bounds the list).
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
