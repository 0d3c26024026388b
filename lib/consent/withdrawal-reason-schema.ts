import { z } from "zod";
import type { ActionResult } from "@/lib/actions/types";
import { reasonCodes } from "./withdrawal-reasons";

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
