import { z } from "zod";

// Shared by the forms and the actions. No customer id: the actor says whose account it is.
export const confirmErasureSchema = z.strictObject({
  understand: z.literal("on", { message: "understandRequired" }),
});

export const cancelErasureSchema = z.strictObject({
  requestId: z.string().trim().min(1).max(64),
});

export const emptyFormSchema = z.strictObject({});

export type ConfirmErasureState =
  | null
  | { ok: true; scheduledFor: string }
  | { ok: false; message: string; fieldErrors: Record<string, string>; reauth?: boolean };
export type CancelErasureState =
  null | { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };
export type SendLinkState = null | { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };
