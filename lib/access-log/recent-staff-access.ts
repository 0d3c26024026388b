import "server-only";
import { desc } from "drizzle-orm";
import { getDb } from "@/db";
import { customerAccessLog } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { staffAccessColumns, type StaffAccessEntryDto } from "./staff-access-dto";

/** The latest staff accesses to the signed-in customer, for the account home. */
export async function recentStaffAccess(
  actor: Actor | null,
  options: { limit?: number } = {},
): Promise<StaffAccessEntryDto[]> {
  const customer = assertCustomer(actor, "access.read.own");
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 3)), 25);
  const db = await getDb();
  return db
    .select(staffAccessColumns(customerAccessLog))
    .from(customerAccessLog)
    .where(customerScope(customerAccessLog, customer))
    .orderBy(desc(customerAccessLog.occurredAt), desc(customerAccessLog.id))
    .limit(limit);
}
