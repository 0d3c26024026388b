import { isIP } from "node:net";
import { z } from "zod";
import { webhookEventTypes } from "@/db/schema";

// What a subscription may point at. https only, unless TILLIT_WEBHOOK_ALLOW_HTTP=1 (tests,
// the local demo). In production, addresses inside the server's own network (loopback,
// private, link-local, "localhost") are refused unless TILLIT_WEBHOOK_ALLOW_PRIVATE=1, so
// a client cannot make the server post into its own network (SSRF). Only literals are
// checked here: a public name that resolves to a private address is not caught.

export { webhookEventTypes };

function isPrivateIpv4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split(".").map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

function isPrivateIpv6(ip: string): boolean {
  const lower = ip.toLowerCase();
  if (lower === "::" || lower === "::1") return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPrivateIpv4(mapped[1]!);
  // fc00::/7 (unique local), fe80::/10 (link-local)
  return /^f[cd][0-9a-f]{0,2}:/.test(lower) || /^fe[89ab][0-9a-f]?:/.test(lower);
}

/** Whether a URL's host is this machine or its private network, by literal (SSRF guard). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const kind = isIP(host);
  if (kind === 4) return isPrivateIpv4(host);
  if (kind === 6) return isPrivateIpv6(host);
  return false;
}

/** Why a URL may not receive webhooks (a message key), or null. Reads the environment at call time. */
export function webhookUrlProblem(raw: string): "invalidUrl" | "httpsOnly" | "privateHost" | null {
  if (!URL.canParse(raw)) return "invalidUrl";
  const url = new URL(raw);
  if (url.username || url.password) return "invalidUrl";
  const allowHttp = process.env.TILLIT_WEBHOOK_ALLOW_HTTP === "1";
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) return "httpsOnly";
  const production = process.env.NODE_ENV === "production";
  if (production && process.env.TILLIT_WEBHOOK_ALLOW_PRIVATE !== "1" && isPrivateHost(url.hostname)) {
    return "privateHost";
  }
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
