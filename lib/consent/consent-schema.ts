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
  // Which control was used: the switch, the re-consent prompt or the renewal button.
  method: z.enum(["switch", "reconsent_prompt", "renewal"]).default("switch"),
  // The re-consent prompt's "from" version: its changes were computed from this one.
  agreedVersion: z.coerce.number().int().positive().max(1_000_000).optional(),
});
export type SetConsentInput = z.infer<typeof setConsentSchema>;

export type ConsentActionState = ActionResult<{
  purposeKey: string;
  granted: boolean;
  method: "switch" | "reconsent_prompt" | "renewal";
  /** After a withdrawal: the one-time ticket for the optional, anonymous "why?" form. */
  reasonToken?: string;
}> | null;
