// Reasons the system gives when staff open a customer (nobody typed them) are stored as a
// code and shown in the reader's language; a reason an agent types is shown as given.

import { staffAccessReasonCodes, staffJustifications, systemAccessReasonCodes, type StaffJustification } from "@/db/schema";

export { staffAccessReasonCodes, staffJustifications, systemAccessReasonCodes, type StaffJustification };
export type StaffAccessReasonCode = (typeof staffAccessReasonCodes)[number];
export type SystemAccessReasonCode = (typeof systemAccessReasonCodes)[number];

/**
 * The `reason` text written beside a code: what such entries have always said, so that
 * the export's `reason` field (data.json, CSV) keeps one meaning for old and new entries.
 */
export const staffAccessReasonText: Record<StaffAccessReasonCode, string> = {
  data_subject_request: "data-subject request",
  support_code: "customer-initiated, verified by support code",
};

/** The code behind an exported `reason` text, for a reader that has only the text (the export's index.html). */
export function staffAccessReasonCodeOf(reason: string): StaffAccessReasonCode | null {
  return staffAccessReasonCodes.find((code) => staffAccessReasonText[code] === reason) ?? null;
}

/** The justification category a system-given reason belongs to. */
export const justificationOfReasonCode: Record<StaffAccessReasonCode, StaffJustification> = {
  data_subject_request: "data_subject_request",
  support_code: "customer_request",
};
