import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { dataSubjectRequests, openRequestStatuses } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { parseRequestInput } from "./request-schema";
import { openRequestAsStaff } from "./staff-request-access";
import { staffFirstName } from "./staff-name";
import { requestActionSchema } from "./staff-request-schema";
import { appendAuditEntry, auditCustomerTarget } from "@/lib/audit/append-audit-entry";

/**
 * The agent takes an open request: it shows as theirs in the queue ("assigned to me").
 * Taking over one another agent holds is allowed (holidays, sick days); the view is logged.
 */
export async function assignRequestToMe(
  actor: Actor | null,
  input: { requestId: string },
): Promise<{ requestId: string }> {
  const staff = assertStaff(actor, "requests.work");
  const { requestId } = parseRequestInput(requestActionSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { request } = await openRequestAsStaff(tx, staff, requestId);
    if (!(openRequestStatuses as readonly string[]).includes(request.status)) {
      throw new AppError("conflict", { messageKey: "requestNotOpen" });
    }
    const assigneeName = await staffFirstName(tx, staff);
    await tx
      .update(dataSubjectRequests)
      .set({ assigneeUserId: staff.userId, assigneeName, updatedAt: sql`statement_timestamp()` })
      .where(eq(dataSubjectRequests.id, request.id));
    await appendAuditEntry(tx, staff, {
      action: "request.assigned",
      target: auditCustomerTarget(request.customerId),
      before: { kind: request.kind, assignee: request.assigneeName },
      after: { kind: request.kind, assignee: assigneeName },
    });
    return { requestId: request.id };
  });
}
