import type { staffAccessLog } from "@/db/schema";
import type { StaffAccessReasonCode, StaffJustification, SystemAccessReasonCode } from "./access-reasons";

export type StaffAccessEntryDto = {
  id: number;
  occurredAt: Date;
  /** "system": an API client (staffName is its name, field the purpose it asked about). */
  staffRole: "agent" | "product" | "system";
  /** The first name staff are known to customers by. */
  staffName: string;
  action: "view" | "reveal";
  /** For a reveal: which masked field was shown. */
  field: string | null;
  /** The agent's own words (shown as given) … */
  reason: string;
  /** … or the system's reason, shown in the reader's language. */
  reasonCode: StaffAccessReasonCode | SystemAccessReasonCode | null;
  /** The justification category (null on entries from before categories). */
  justification: StaffJustification | null;
  /** The support case, as the agent gave it. */
  caseReference: string | null;
  /** The caller proved to be the customer with a one-time support code. */
  verified: boolean;
};

export const staffAccessColumns = (t: typeof staffAccessLog) => ({
  id: t.id,
  occurredAt: t.occurredAt,
  staffRole: t.staffRole,
  staffName: t.staffDisplayName,
  action: t.action,
  field: t.field,
  reason: t.reason,
  reasonCode: t.reasonCode,
  justification: t.justification,
  caseReference: t.caseReference,
  verified: t.verified,
});
