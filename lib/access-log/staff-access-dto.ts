import type { staffAccessLog } from "@/db/schema";
import type { StaffAccessReasonCode } from "./access-reasons";

export type StaffAccessEntryDto = {
  id: number;
  occurredAt: Date;
  staffRole: "agent" | "product";
  /** The first name staff are known to customers by. */
  staffName: string;
  action: "view" | "reveal";
  /** For a reveal: which masked field was shown. */
  field: string | null;
  /** The agent's own words (shown as given) … */
  reason: string;
  /** … or the system's reason, shown in the reader's language. */
  reasonCode: StaffAccessReasonCode | null;
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
});
