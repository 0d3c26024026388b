import { z } from "zod";
import type { ActionResult } from "@/lib/actions/types";

// Strict: a customer id or anything else in the form is refused, not ignored.
export const rejectInferenceSchema = z.strictObject({
  inferenceId: z.string().trim().min(1).max(64),
});

export type RejectInferenceState = ActionResult<{ inferenceId: string; label: string }> | null;
