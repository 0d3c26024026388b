import type { ActionResult } from "@/lib/actions/types";

// What the studio's webhook forms read back (no zod, no server code: client components import it).
export type WebhookFormState = (ActionResult<{ message: string; secret?: string }> & { values?: Record<string, string> }) | null;
