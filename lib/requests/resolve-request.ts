import "server-only";
import { getDb } from "@/db";
import type { RequestKind } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { setRequestStatus } from "./record-request";
import { parseRequestInput, resolveRequestSchema, type ResolveRequestInput } from "./request-schema";
import { openRequestAsStaff } from "./staff-request-access";
import { staffFirstName } from "./staff-name";
import { appendAuditEntry, auditCustomerTarget } from "@/lib/audit/append-audit-entry";

/** Kinds an agent answers by hand; export and erasure are finished by their jobs. */
const resolvableKinds: readonly RequestKind[] = ["rectification", "objection", "restriction"];

/**
 * An agent answers a received request: completed or rejected, with a note the customer
 * sees in the request's history. The view is logged in the staff access log.
 */
export async function resolveRequest(
  actor: Actor | null,
  input: ResolveRequestInput,
): Promise<{ requestId: string; status: "completed" | "rejected" }> {
  const staff = assertStaff(actor, "requests.resolve");
  const { requestId, outcome, note } = parseRequestInput(resolveRequestSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { request, scope } = await openRequestAsStaff(tx, staff, requestId);
    if (!resolvableKinds.includes(request.kind)) throw new AppError("forbidden");
    if (request.status !== "received" && request.status !== "in_progress") {
      throw new AppError("conflict", { messageKey: "requestNotOpen" });
    }
    await setRequestStatus(tx, { requestId, scope, to: outcome, note, staffName: await staffFirstName(tx, staff) });
    await appendAuditEntry(tx, staff, {
      action: "request.status_changed",
      target: auditCustomerTarget(request.customerId),
      before: { kind: request.kind, status: request.status },
      after: { kind: request.kind, status: outcome, withNote: Boolean(note) },
    });
    return { requestId, status: outcome };
  });
}
