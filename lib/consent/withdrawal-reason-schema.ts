import { z } from "zod";
import type { WithdrawalReasonCode } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/types";

// The fixed choices (no free text, so nobody can type personal data into an anonymous
// table). Shared with the form; db/schema holds the same list for the column.
export const reasonCodes = [
  "too_many_messages",
  "not_relevant",
  "privacy_concern",
  "did_not_know",
  "other",
] as const satisfies readonly WithdrawalReasonCode[];
// Fails to compile if db/schema gains a code this list lacks.
const complete: [Exclude<WithdrawalReasonCode, (typeof reasonCodes)[number]>] extends [never] ? true : never = true;
void complete;

export const withdrawalReasonSchema = z.strictObject({
  purposeKey: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_-]*$/),
  token: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[A-Za-z0-9_.-]+$/),
  reason: z.enum(reasonCodes, { message: "chooseReason" }),
});
export type WithdrawalReasonInput = z.infer<typeof withdrawalReasonSchema>;

export type WithdrawalReasonState = ActionResult | null;
