import "server-only";
import { and, count, desc, eq, ne } from "drizzle-orm";
import { getDb } from "@/db";
import { customerAccessLog } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { ACCESS_PAGE_SIZE, clampPage, type Paged } from "./paged";
import { staffAccessColumns, type StaffAccessEntryDto } from "./staff-access-dto";

/**
 * Every time staff looked at the signed-in customer or revealed a masked field, or (`who:
 * "systems"`) another system read about them through the API, newest first. Kept apart: a
 * system's check is not a person looking, and the customer is told which is which.
 */
export async function listStaffAccess(
  actor: Actor | null,
  options: { page?: number; pageSize?: number; who?: "staff" | "systems" } = {},
): Promise<Paged<StaffAccessEntryDto>> {
  const customer = assertCustomer(actor, "access.read.own");
  const pageSize = options.pageSize ?? ACCESS_PAGE_SIZE;
  const db = await getDb();
  const mine = and(
    customerScope(customerAccessLog, customer),
    options.who === "systems" ? eq(customerAccessLog.staffRole, "system") : ne(customerAccessLog.staffRole, "system"),
  );
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(customerAccessLog).where(mine);
  const { page, pageCount, offset } = clampPage(options.page ?? 1, total, pageSize);
  const items = await db
    .select(staffAccessColumns(customerAccessLog))
    .from(customerAccessLog)
    .where(mine)
    .orderBy(desc(customerAccessLog.occurredAt), desc(customerAccessLog.id))
    .limit(pageSize)
    .offset(offset);
  return { items, page, pageCount, total };
}
