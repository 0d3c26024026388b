import { z } from "zod";
import { recordId } from "@/lib/validation/ids";

// Shared by the forms and the actions. No customer id: the actor says whose account it is.
export const confirmErasureSchema = z.strictObject({
  understand: z.literal("on", { message: "understandRequired" }),
});

export const cancelErasureSchema = z.strictObject({
  requestId: recordId(),
});

export const emptyFormSchema = z.strictObject({});

export type ConfirmErasureState =
  | null
  | { ok: true; scheduledFor: string }
  | { ok: false; message: string; fieldErrors: Record<string, string>; reauth?: boolean };
export type CancelErasureState =
  null | { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };
export type SendLinkState = null | { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };
