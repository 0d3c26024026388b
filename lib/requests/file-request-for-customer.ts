import "server-only";
import { getDb } from "@/db";
import { withStaffAccess } from "@/lib/access-log/with-staff-access";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { recordIdPattern } from "@/lib/validation/ids";
import { fileRequest } from "./record-request";
import { parseRequestInput } from "./request-schema";
import { staffFirstName } from "./staff-name";
import { waitingStatusOf } from "./staff-request-rules";
import { fileForCustomerSchema, type FileForCustomerInput } from "./staff-request-schema";
import { appendAuditEntry, auditCustomerTarget } from "@/lib/audit/append-audit-entry";

/**
 * An agent files a data-subject request on a customer's behalf, as the customer asked by
 * phone, email or in a store. The agent never acts as the customer: the request is filed as
 * received, with the channel and the agent's first name, and what changes consent or deletes
 * (objection, restriction, erasure) waits for the customer to confirm it in the portal; an
 * export is started by the customer there. Opening the customer is logged (data-subject
 * request) in the same transaction as the filing. Unknown and malformed customer ids are the
 * same not-found, with nothing written.
 */
export async function fileRequestForCustomer(
  actor: Actor | null,
  input: FileForCustomerInput,
): Promise<{ requestId: string; customerId: string }> {
  const staff = assertStaff(actor, "requests.file");
  if (typeof input?.customerId !== "string" || !recordIdPattern.test(input.customerId)) {
    throw new AppError("not_found");
  }
  const { customerId, kind, channel, category, ground, details } = parseRequestInput(fileForCustomerSchema, input);
  // What each kind needs, as the customer's own forms ask for it.
  if (kind === "rectification" && !category) {
    throw new AppError("invalid", { fieldErrors: { category: "categoryRequired" } });
  }
  if (kind === "rectification" && !details) {
    throw new AppError("invalid", { fieldErrors: { details: "descriptionRequired" } });
  }
  if (kind === "restriction" && !ground) throw new AppError("invalid", { fieldErrors: { ground: "groundRequired" } });
  if (kind === "objection" && !details) throw new AppError("invalid", { fieldErrors: { details: "objectionEmpty" } });

  const db = await getDb();
  const request = await db.transaction((tx) =>
    withStaffAccess(tx, staff, { customerId, reasonCode: "data_subject_request" }, async (scope) => {
      const filed = await fileRequest(tx, {
        customerId: scope.customerId,
        kind,
        reason: details,
        details: kind === "rectification" ? { category } : kind === "restriction" ? { ground } : {},
        steps: waitingStatusOf(kind) === "received" ? [] : [waitingStatusOf(kind)],
        channel,
        filedBy: { staffUserId: staff.userId, name: await staffFirstName(tx, staff) },
      });
      await appendAuditEntry(tx, staff, {
        action: "request.filed_for_customer",
        target: auditCustomerTarget(filed.customerId),
        after: { kind, channel, status: filed.status },
      });
      return filed;
    }),
  );
  return { requestId: request.id, customerId: request.customerId };
}
