import { z } from "zod";
import type { ActionResult } from "@/lib/actions/types";

// What a customer may send to change a consent. Strict: anything else (a customer
// id, a timestamp) is refused rather than ignored.
export const setConsentSchema = z.strictObject({
  purposeKey: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_-]*$/),
  purposeVersion: z.coerce.number().int().positive().max(1_000_000),
  granted: z.enum(["true", "false"]).transform((value) => value === "true"),
});
export type SetConsentInput = z.infer<typeof setConsentSchema>;

export type ConsentActionState = ActionResult<{
  purposeKey: string;
  granted: boolean;
  /** After a withdrawal: the one-time ticket for the optional, anonymous "why?" form. */
  reasonToken?: string;
}> | null;
