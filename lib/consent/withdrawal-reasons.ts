import type { WithdrawalReasonCode } from "@/db/schema";

// The fixed choices (no free text, so nobody can type personal data into an anonymous
// table). Shared with the form: no zod here, so a client component importing the list
// does not ship the schema library. db/schema holds the same list for the column.
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
