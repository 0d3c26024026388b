import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { dataSubjectRequestEvents, dataSubjectRequests, openRequestStatuses } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { extendedDueDateFor } from "./due-date";
import { extendDeadlineSchema, parseRequestInput, type ExtendDeadlineInput } from "./request-schema";
import { openRequestAsStaff } from "./staff-request-access";
import { staffFirstName } from "./staff-name";
import { appendAuditEntry, auditCustomerTarget } from "@/lib/audit/append-audit-entry";

/**
 * Art. 12(3): an agent extends an open request's deadline once, by one or two further
 * months, with a reason the customer sees. The view is logged in the staff access log and
 * the extension in the request's history, in the same transaction.
 */
export async function extendRequestDeadline(
  actor: Actor | null,
  input: ExtendDeadlineInput,
): Promise<{ requestId: string; extendedDueOn: string }> {
  const staff = assertStaff(actor, "requests.extend");
  // A longer extension is refused with its own message, before any other field.
  if (typeof input.months === "number" && input.months > 2) {
    throw new AppError("invalid", { messageKey: "extensionTooLong", fieldErrors: { months: "extensionTooLong" } });
  }
  const { requestId, months, reason } = parseRequestInput(extendDeadlineSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { request } = await openRequestAsStaff(tx, staff, requestId);
    if (!(openRequestStatuses as readonly string[]).includes(request.status)) {
      throw new AppError("conflict", { messageKey: "requestNotOpen" });
    }
    if (request.extendedDueOn !== null) throw new AppError("conflict", { messageKey: "alreadyExtended" });
    const extendedDueOn = extendedDueDateFor(request.receivedAt, months);
    await tx
      .update(dataSubjectRequests)
      .set({ extendedDueOn, extensionReason: reason, updatedAt: sql`statement_timestamp()` })
      .where(eq(dataSubjectRequests.id, request.id));
    await appendAuditEntry(tx, staff, {
      action: "request.deadline_extended",
      target: auditCustomerTarget(request.customerId),
      before: { kind: request.kind, dueOn: request.dueOn },
      after: { kind: request.kind, dueOn: extendedDueOn },
    });
    await tx.insert(dataSubjectRequestEvents).values({
      requestId: request.id,
      customerId: request.customerId,
      status: "extended",
      note: reason,
      staffName: await staffFirstName(tx, staff),
    });
    return { requestId: request.id, extendedDueOn };
  });
}
