import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { dataSubjectRequests, staffAccessLog, users, type DataSubjectRequest } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { requestIdSchema } from "./request-schema";

/** The reason logged when staff open a request; the customer sees it in their access log. */
export const requestAccessReason = "data-subject request";

/**
 * An agent opens a request to work on it: locks it, and logs the view in the staff access
 * log before anything is returned (the customer sees every staff read). Unknown and
 * malformed ids are the same not-found.
 */
export async function openRequestAsStaff(tx: Tx, staff: StaffActor, requestId: string): Promise<DataSubjectRequest> {
  if (staff.role !== "agent") throw new AppError("forbidden");
  if (!requestIdSchema.safeParse(requestId).success) throw new AppError("not_found");
  const [request] = await tx
    .select()
    .from(dataSubjectRequests)
    .where(eq(dataSubjectRequests.id, requestId))
    .for("update")
    .limit(1);
  if (!request) throw new AppError("not_found");
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, staff.userId)).limit(1);
  await tx.insert(staffAccessLog).values({
    customerId: request.customerId,
    staffUserId: staff.userId,
    staffRole: staff.role,
    staffDisplayName: user?.name ?? staff.role,
    action: "view",
    field: null,
    reason: requestAccessReason,
    occurredAt: sql`statement_timestamp()`,
  });
  return request;
}
