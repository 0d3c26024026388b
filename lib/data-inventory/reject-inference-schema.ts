import { z } from "zod";
import type { ActionResult } from "@/lib/actions/types";
import { recordId } from "@/lib/validation/ids";

// Strict: a customer id or anything else in the form is refused, not ignored.
export const rejectInferenceSchema = z.strictObject({
  inferenceId: recordId(),
});

export type RejectInferenceState = ActionResult<{ inferenceId: string; label: string }> | null;
