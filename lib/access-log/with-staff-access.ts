import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { customers, staffAccessLog, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { StaffAccessScope } from "@/lib/auth/customer-scope";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { hasInvisibleCharacters } from "@/lib/validation/text";
import { staffAccessReasonText, type StaffAccessReasonCode } from "./access-reasons";

export type StaffAccess = {
  customerId: string;
  /** Masked fields to reveal: one `reveal` entry each, beside the `view`. */
  fields?: readonly string[];
} & (
  | {
      /** Why staff open this customer, in the agent's words; the customer reads it in their access log. */
      reason: string;
    }
  | {
      /** A reason the system gives; the customer reads it in their own language. */
      reasonCode: StaffAccessReasonCode;
    }
);

/**
 * The only way staff code reads a customer's data. Inside the caller's transaction it
 * writes the access to `staff_access_log` (a `view`, and a `reveal` per field) and only
 * then calls `read` with a scope for customerScope(). If the entry cannot be written the
 * error propagates and `read` is never called. An unknown customer is `not_found`,
 * with nothing written.
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
  const reasonCode = "reasonCode" in access ? access.reasonCode : null;
  const reason = reasonCode ? staffAccessReasonText[reasonCode] : "reason" in access ? access.reason.trim() : "";
  // An agent's reason is shown to the customer as typed: nothing invisible may hide in it.
  const hidden = !reasonCode && hasInvisibleCharacters("reason" in access ? access.reason : "", { multiLine: true });
  if (!reason || hidden || fields.some((field) => !field.trim())) throw new AppError("invalid");

  const [customer] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.id, access.customerId))
    .limit(1)
    // Held until commit: the customer cannot be erased between this entry and the read.
    .for("key share");
  if (!customer) throw new AppError("not_found");

  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, staff.userId)).limit(1);
  const entry = {
    customerId: customer.id,
    staffUserId: staff.userId,
    staffRole: staff.role,
    staffDisplayName: user?.name ?? staff.role,
    reason,
    reasonCode,
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
