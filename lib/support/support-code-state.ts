import type { ActionResult } from "@/lib/actions/types";

/** What the support code form reads: the digits, shown once, and until when they work. */
export type SupportCodeFormState = ActionResult<{ code: string; expiresAt: Date }> | null;
