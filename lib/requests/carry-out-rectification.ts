import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { staffAccessLog } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { updateProfileSchema } from "@/lib/profile/profile-schema";
import { currentProfileFields, writeProfile } from "@/lib/profile/update-profile";
import { fieldErrorKeys } from "@/lib/actions/form-data";
import { setRequestStatus } from "./record-request";
import { parseRequestInput } from "./request-schema";
import { openRequestAsStaff } from "./staff-request-access";
import { staffFirstName } from "./staff-name";
import { carryOutRectificationSchema, type CarryOutRectificationInput } from "./staff-request-schema";
import { appendAuditEntry, auditCustomerTarget } from "@/lib/audit/append-audit-entry";

/** Categories whose details the profile writer holds; others are answered with a note. */
export const profileCategories: readonly string[] = ["identity", "contact"];

/**
 * An agent carries out a rectification the customer asked for (Art. 16): sets the corrected
 * name or phone through the profile's own writer with the agent's scope, so the customer's
 * change list shows it with the agent's first name, and completes the request with the
 * agent's note, all in one transaction with the logged view (data-subject request).
 */
export async function carryOutRectification(
  actor: Actor | null,
  input: CarryOutRectificationInput,
): Promise<{ requestId: string; changedFields: string[] }> {
  const staff = assertStaff(actor, "requests.resolve");
  const { requestId, field, value, note } = parseRequestInput(carryOutRectificationSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { request, scope } = await openRequestAsStaff(tx, staff, requestId);
    if (request.kind !== "rectification" || request.status === "completed" || request.status === "rejected") {
      throw new AppError("conflict", { messageKey: "requestNotOpen" });
    }
    const category = request.details.category;
    if (typeof category !== "string" || !profileCategories.includes(category)) {
      throw new AppError("conflict", { messageKey: "notProfileField" });
    }
    // A correction asked for on the phone or in a store changes who the customer is on our
    // books: only after the caller proved to be the customer with a support code (this
    // agent's verified open in the last 30 minutes). One from the portal is the customer's own.
    if (request.filedByStaffUserId !== null) {
      const [verified] = await tx
        .select({ id: staffAccessLog.id })
        .from(staffAccessLog)
        .where(
          and(
            eq(staffAccessLog.staffUserId, staff.userId),
            customerScope(staffAccessLog, scope),
            eq(staffAccessLog.verified, true),
            gt(staffAccessLog.occurredAt, sql`statement_timestamp() - interval '30 minutes'`),
          ),
        )
        .limit(1);
      if (!verified) throw new AppError("conflict", { messageKey: "verifyCallerFirst" });
    }
    const current = await currentProfileFields(tx, scope);
    // The profile form's shape: an absent phone is an empty field.
    const parsed = updateProfileSchema.safeParse({ ...current, phone: current.phone ?? "", [field]: value });
    if (!parsed.success) {
      const keys = fieldErrorKeys(parsed.error);
      throw new AppError("invalid", { fieldErrors: { value: keys[field] ?? Object.values(keys)[0] ?? "invalid" } });
    }
    const staffName = await staffFirstName(tx, staff);
    const { changedFields } = await writeProfile(tx, { scope, input: parsed.data, changedByName: staffName });
    await setRequestStatus(tx, { requestId: request.id, scope, to: "completed", note, staffName });
    // Which details changed, never their values (as the customer's own change list).
    await appendAuditEntry(tx, staff, {
      action: "customer.rectified",
      target: auditCustomerTarget(request.customerId),
      before: { kind: request.kind, status: request.status },
      after: { kind: request.kind, status: "completed", changedFields },
    });
    return { requestId: request.id, changedFields };
  });
}
