import { sql } from "drizzle-orm";
import type { customerAccessLog } from "@/db/schema";
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
  /**
   * A system access: the name, in each language, of the purpose it asked about (`field`), from
   * the newest version of that purpose; null for staff, or when the purpose is gone.
   */
  purposeNames: PurposeNames | null;
};

export type PurposeNames = { nb: string | null; en: string | null };

const parsedJson = (value: unknown): PurposeNames | null =>
  typeof value === "string" ? (JSON.parse(value) as PurposeNames) : ((value as PurposeNames | null) ?? null);

export const staffAccessColumns = (t: typeof customerAccessLog) => ({
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
  purposeNames: sql<PurposeNames | null>`(
    select jsonb_build_object('nb', p.texts -> 'nb' ->> 'name', 'en', p.texts -> 'en' ->> 'name')
    from purposes p
    where ${t.staffRole} = 'system' and p.key = ${t.field}
    order by (p.status = 'published') desc, p.version desc
    limit 1
  )`.mapWith(parsedJson),
});
