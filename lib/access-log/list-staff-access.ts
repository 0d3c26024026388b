import "server-only";
import { count, desc } from "drizzle-orm";
import { getDb } from "@/db";
import { staffAccessLog } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { ACCESS_PAGE_SIZE, clampPage, type Paged } from "./paged";
import { staffAccessColumns, type StaffAccessEntryDto } from "./staff-access-dto";

/** Every time staff looked at the signed-in customer or revealed a masked field, newest first. */
export async function listStaffAccess(
  actor: Actor | null,
  options: { page?: number; pageSize?: number } = {},
): Promise<Paged<StaffAccessEntryDto>> {
  const customer = assertCustomer(actor, "access.read.own");
  const pageSize = options.pageSize ?? ACCESS_PAGE_SIZE;
  const db = await getDb();
  const mine = customerScope(staffAccessLog, customer);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(staffAccessLog).where(mine);
  const { page, pageCount, offset } = clampPage(options.page ?? 1, total, pageSize);
  const items = await db
    .select(staffAccessColumns(staffAccessLog))
    .from(staffAccessLog)
    .where(mine)
    .orderBy(desc(staffAccessLog.occurredAt), desc(staffAccessLog.id))
    .limit(pageSize)
    .offset(offset);
  return { items, page, pageCount, total };
}
