import type { ActionResult } from "@/lib/actions/types";

/** The state of an agent's form on a request: a confirmation, or the refusal with what was typed. */
export type StaffFormState = (ActionResult<{ message?: string }> & { values?: Record<string, string> }) | null;
