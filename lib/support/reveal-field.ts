import "server-only";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { customers, staffAccessLog } from "@/db/schema";
import { contactFields, type MaskedField } from "@/lib/access-log/masked-fields";
import { withStaffAccess, type StaffAccess } from "@/lib/access-log/with-staff-access";
import type { Actor } from "@/lib/auth/actor";
import type { StaffAccessScope } from "@/lib/auth/customer-scope";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { readProfile } from "@/lib/profile/get-profile";
import { parseOrRefuse, revealFieldSchema, type RevealFieldInput } from "./open-customer-schema";

/** How long an open lets the agent reveal fields under its justification. */
export const REVEAL_WINDOW_MINUTES = 30;

export type RevealedFieldDto = {
  field: MaskedField;
  /** One value; an address field gives every address, primary first. */
  values: string[];
};

/**
 * An agent reveals one masked field of a customer they have opened: one more logged step
 * (withStaffAccess with the field, in the same transaction as reading that one value). It
 * repeats the justification of the agent's own latest open of this customer in the last 30
 * minutes, looked up here so that nothing can be forged; without one it is refused. Without
 * a support code, contact details and addresses also need a case reference and a second
 * confirmation.
 */
export async function revealCustomerField(actor: Actor | null, input: RevealFieldInput): Promise<RevealedFieldDto> {
  const staff = assertStaff(actor, "customers.reveal");
  const { customerId, field, caseReference: givenCaseReference, confirmed } = parseOrRefuse(revealFieldSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.id, customerId))
      .limit(1);
    if (!customer) throw new AppError("not_found");
    const [open] = await tx
      .select({
        justification: staffAccessLog.justification,
        reason: staffAccessLog.reason,
        reasonCode: staffAccessLog.reasonCode,
        caseReference: staffAccessLog.caseReference,
      })
      .from(staffAccessLog)
      .where(
        and(
          eq(staffAccessLog.staffUserId, staff.userId),
          eq(staffAccessLog.customerId, customerId),
          eq(staffAccessLog.action, "view"),
          gt(staffAccessLog.occurredAt, sql`statement_timestamp() - make_interval(mins => ${REVEAL_WINDOW_MINUTES})`),
          // The open itself: not the view an earlier reveal wrote beside it (or reveals would
          // keep the window open for ever), and not a look at a request in the queue.
          sql`${staffAccessLog.reasonCode} is distinct from 'data_subject_request'`,
          sql`not exists (select 1 from staff_access_log r
                where r.staff_user_id = ${staffAccessLog.staffUserId} and r.customer_id = ${staffAccessLog.customerId}
                  and r.action = 'reveal' and r.occurred_at = ${staffAccessLog.occurredAt})`,
        ),
      )
      .orderBy(desc(staffAccessLog.occurredAt), desc(staffAccessLog.id))
      .limit(1);
    // (A system access never matches an agent's own id; the check narrows the type.)
    if (!open || open.reasonCode === "api_consent_check" || (!open.reasonCode && !open.justification)) {
      throw new AppError("conflict", { messageKey: "openFirst" });
    }

    // Only the customer's own support code vouches for the caller; any other open asks a
    // second time before a contact detail or an address is shown.
    const caseReference = open.caseReference ?? givenCaseReference;
    if (open.reasonCode !== "support_code" && contactFields.includes(field)) {
      const fieldErrors: Record<string, string> = {};
      if (!open.reasonCode && !caseReference) fieldErrors.caseReference = "caseReferenceRequired";
      if (!confirmed) fieldErrors.confirmed = "confirmReveal";
      if (Object.keys(fieldErrors).length > 0) throw new AppError("invalid", { fieldErrors });
    }
    const access: StaffAccess = open.reasonCode
      ? { customerId, reasonCode: open.reasonCode, fields: [field] }
      : { customerId, justification: open.justification!, reason: open.reason, caseReference, fields: [field] };
    return withStaffAccess(tx, staff, access, async (scope) => ({ field, values: await readField(tx, scope, field) }));
  });
}

/** The one revealed value, read through the customer's own profile reader. */
async function readField(tx: Tx, scope: StaffAccessScope, field: MaskedField): Promise<string[]> {
  if (!scope.revealed.includes(field)) throw new AppError("forbidden");
  const profile = await readProfile(tx, scope);
  if (field === "address") {
    return profile.addresses.map((a) =>
      [a.line1, a.line2, `${a.postcode} ${a.city}`, a.country].filter(Boolean).join(", "),
    );
  }
  const value = {
    name: `${profile.givenName} ${profile.familyName}`,
    email: profile.email,
    phone: profile.phone,
    birthDate: profile.birthDate,
  }[field];
  return value ? [value] : [];
}
