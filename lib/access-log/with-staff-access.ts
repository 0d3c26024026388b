import "server-only";
import { and, countDistinct, eq, gt, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { customers, staffAccessLog, staffReviewEvents, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { StaffAccessScope } from "@/lib/auth/customer-scope";
import { assertStaff } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hasInvisibleCharacters } from "@/lib/validation/text";
import { CASE_REFERENCE_MAX, REASON_MAX } from "./access-limits";
import {
  justificationOfReasonCode,
  staffAccessReasonText,
  staffJustifications,
  type StaffAccessReasonCode,
  type StaffJustification,
} from "./access-reasons";
import { isMaskedField, type MaskedField } from "./masked-fields";

export type StaffAccess = {
  customerId: string;
  /** Masked fields to reveal: one `reveal` entry each, beside the `view`. */
  fields?: readonly MaskedField[];
  /** The agent confirmed a second time an open past the browsing guard's hourly limit. */
  confirmedBeyondLimit?: boolean;
} & (
  | {
      /** The justification category the customer sees. */
      justification: StaffJustification;
      /** Why, in the agent's words; the customer reads it in their access log as typed. */
      reason: string;
      /** The support case; required for a customer-initiated access. */
      caseReference?: string | null;
    }
  | {
      /** A reason the system gives; the customer reads it in their own language. */
      reasonCode: StaffAccessReasonCode;
    }
);

export { CASE_REFERENCE_MAX, REASON_MAX };

/**
 * The only way staff code reads a customer's data. Inside the caller's transaction it
 * writes the access to `staff_access_log` (a `view`, and a `reveal` per field) and only
 * then calls `read` with a scope for customerScope(). If the entry cannot be written the
 * error propagates and `read` is never called. An unknown customer is `not_found`,
 * with nothing written.
 *
 * The browsing guard: an open an agent starts (not one the system gives a reason for,
 * such as working a data-subject request) of a customer they have not opened in the last
 * hour, once they have opened TILLIT_BROWSING_LIMIT_PER_HOUR distinct customers in that
 * hour, is refused (`conflict`, `browsingLimit`) unless `confirmedBeyondLimit`; a
 * confirmed one is written to `staff_review_events` for review.
 */
export async function withStaffAccess<T>(
  tx: Tx,
  actor: Actor | null,
  access: StaffAccess,
  read: (scope: StaffAccessScope) => Promise<T>,
): Promise<T> {
  const staff = assertStaff(actor, "customers.view");
  const fields = [...new Set(access.fields ?? [])];
  if (fields.length > 0) assertStaff(staff, "customers.reveal");
  if (!fields.every(isMaskedField)) throw new AppError("invalid", { messageKey: "unknownField" });

  const reasonCode = "reasonCode" in access ? access.reasonCode : null;
  const justification = reasonCode
    ? justificationOfReasonCode[reasonCode]
    : "justification" in access
      ? access.justification
      : null;
  const reason = reasonCode ? staffAccessReasonText[reasonCode] : "reason" in access ? access.reason.trim() : "";
  const caseReference = "caseReference" in access ? access.caseReference?.trim() || null : null;
  // An agent's words are shown to the customer as typed: nothing invisible may hide in them.
  const typed = reasonCode ? "" : `${"reason" in access ? access.reason : ""}${caseReference ?? ""}`;
  if (
    !reason ||
    reason.length > REASON_MAX ||
    !justification ||
    !(staffJustifications as readonly string[]).includes(justification) ||
    hasInvisibleCharacters(typed, { multiLine: true }) ||
    (caseReference !== null && caseReference.length > CASE_REFERENCE_MAX) ||
    (!reasonCode && justification === "customer_request" && !caseReference)
  ) {
    throw new AppError("invalid");
  }

  const [customer] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.id, access.customerId))
    .limit(1)
    // Held until commit: the customer cannot be erased between this entry and the read.
    .for("key share");
  if (!customer) throw new AppError("not_found");

  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, staff.userId)).limit(1);
  const staffDisplayName = user?.name ?? staff.role;
  if (reasonCode !== "data_subject_request") {
    await guardAgainstBrowsing(tx, {
      staffUserId: staff.userId,
      staffDisplayName,
      customerId: customer.id,
      confirmed: access.confirmedBeyondLimit === true,
    });
  }

  const entry = {
    customerId: customer.id,
    staffUserId: staff.userId,
    staffRole: staff.role,
    staffDisplayName,
    reason,
    reasonCode,
    justification,
    caseReference,
    verified: reasonCode === "support_code",
    occurredAt: sql`statement_timestamp()`,
  };
  await tx
    .insert(staffAccessLog)
    .values([
      { ...entry, action: "view" as const, field: null },
      ...fields.map((field) => ({ ...entry, action: "reveal" as const, field })),
    ]);

  // The one place a staff scope is made: after the entries above are written.
  const scope = Object.freeze({
    kind: "staff_access",
    customerId: customer.id,
    revealed: Object.freeze(fields),
  }) as StaffAccessScope;
  return read(scope);
}

async function guardAgainstBrowsing(
  tx: Tx,
  input: { staffUserId: string; staffDisplayName: string; customerId: string; confirmed: boolean },
): Promise<void> {
  const limit = env().TILLIT_BROWSING_LIMIT_PER_HOUR;
  // One agent's opens at a time, so two tabs cannot both slip under the limit.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`browsing:${input.staffUserId}`}, 0))`);
  const lastHour = and(
    eq(staffAccessLog.staffUserId, input.staffUserId),
    eq(staffAccessLog.action, "view"),
    sql`${staffAccessLog.reasonCode} is distinct from 'data_subject_request'`,
    gt(staffAccessLog.occurredAt, sql`statement_timestamp() - interval '1 hour'`),
  );
  const [opened] = await tx
    .select({
      distinct: countDistinct(staffAccessLog.customerId),
      thisOne: sql<boolean>`bool_or(${staffAccessLog.customerId} = ${input.customerId})`,
    })
    .from(staffAccessLog)
    .where(lastHour);
  const distinct = Number(opened?.distinct ?? 0);
  if (opened?.thisOne || distinct < limit) return;
  if (!input.confirmed) {
    throw new AppError("conflict", { messageKey: "browsingLimit" });
  }
  await tx.insert(staffReviewEvents).values({
    kind: "browsing_limit_exceeded",
    staffUserId: input.staffUserId,
    staffDisplayName: input.staffDisplayName,
    details: { limit, openedInLastHour: distinct + 1 },
  });
}
