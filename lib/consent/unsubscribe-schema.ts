import { z } from "zod";
import type { ActionResult } from "@/lib/actions/types";

// The "Unsubscribe" press on /unsubscribe/<token>: the token travels in a hidden field.
export const unsubscribeByLinkSchema = z.strictObject({
  // A sealed link (compact JWE: base64url parts and dots); anything else never reaches the decoder.
  token: z
    .string()
    .min(1)
    .max(4096)
    .regex(/^[A-Za-z0-9_.-]+$/),
  // Sent along so that the same form works without JavaScript: a plain POST to
  // /unsubscribe/<token> is the RFC 8058 one-click post (proxy.ts), which needs this body.
  "List-Unsubscribe": z.literal("One-Click").optional(),
});

export type UnsubscribeByLinkState = ActionResult | null;
