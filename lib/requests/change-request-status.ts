import "server-only";
import { getDb } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { setRequestStatus } from "./record-request";
import { parseRequestInput } from "./request-schema";
import { openRequestAsStaff } from "./staff-request-access";
import { staffFirstName } from "./staff-name";
import { refusalOfTransition } from "./staff-request-rules";
import { changeStatusSchema, type ChangeStatusInput } from "./staff-request-schema";
import { appendAuditEntry, auditCustomerTarget } from "@/lib/audit/append-audit-entry";

/**
 * An agent moves a request on (received → in progress → completed or rejected), with a note
 * the customer reads in the request's history beside the agent's first name. A rejection
 * needs a note: the customer must be told why. Only the transitions the history allows;
 * the view is logged (data-subject request) in the same transaction.
 */
export async function changeRequestStatus(
  actor: Actor | null,
  input: ChangeStatusInput,
): Promise<{ requestId: string; status: string }> {
  const staff = assertStaff(actor, "requests.work");
  const { requestId, to, note } = parseRequestInput(changeStatusSchema, input);
  if (to === "completed" || to === "rejected") assertStaff(staff, "requests.resolve");
  if (to === "rejected" && !note) throw new AppError("invalid", { fieldErrors: { note: "rejectionNoteRequired" } });
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { request, scope } = await openRequestAsStaff(tx, staff, requestId);
    const refused = refusalOfTransition(request, to);
    if (refused) throw new AppError("conflict", { messageKey: refused });
    await setRequestStatus(tx, { requestId: request.id, scope, to, note, staffName: await staffFirstName(tx, staff) });
    // The note is the agent's words to the customer (in the request's history), not repeated here.
    await appendAuditEntry(tx, staff, {
      action: "request.status_changed",
      target: auditCustomerTarget(request.customerId),
      before: { kind: request.kind, status: request.status },
      after: { kind: request.kind, status: to, withNote: Boolean(note) },
    });
    return { requestId: request.id, status: to };
  });
}
