import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { dataSubjectRequests, type DataSubjectRequest } from "@/db/schema";
import { withStaffAccess } from "@/lib/access-log/with-staff-access";
import type { Actor } from "@/lib/auth/actor";
import { customerScope, type StaffAccessScope } from "@/lib/auth/customer-scope";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { requestIdSchema } from "./request-schema";

/**
 * An agent opens a request to work on it: locks it, and logs the view in the staff access
 * log (withStaffAccess) before anything is returned (the customer sees every staff read).
 * Returns the request and the access's scope, for the writes that follow in the same
 * transaction. Unknown and malformed ids are the same not-found.
 */
export async function openRequestAsStaff(
  tx: Tx,
  actor: Actor | null,
  requestId: string,
): Promise<{ request: DataSubjectRequest; scope: StaffAccessScope }> {
  assertStaff(actor, "customers.view");
  if (!requestIdSchema.safeParse(requestId).success) throw new AppError("not_found");
  // Only whose request it is, to know whom the access is logged for.
  const [owner] = await tx
    .select({ customerId: dataSubjectRequests.customerId })
    .from(dataSubjectRequests)
    .where(eq(dataSubjectRequests.id, requestId))
    .for("update")
    .limit(1);
  if (!owner) throw new AppError("not_found");
  return withStaffAccess(
    tx,
    actor,
    { customerId: owner.customerId, reasonCode: "data_subject_request" },
    async (scope) => {
      const [request] = await tx
        .select()
        .from(dataSubjectRequests)
        .where(and(eq(dataSubjectRequests.id, requestId), customerScope(dataSubjectRequests, scope)))
        .limit(1);
      if (!request) throw new AppError("not_found");
      return { request, scope };
    },
  );
}
