import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { customers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { maskName } from "@/lib/access-log/mask";
import { recordIdPattern } from "@/lib/validation/ids";

export type CustomerForFiling = { id: string; name: string; number: number };

/**
 * Who a request is being filed for, masked as a search hit shows them (name and initial,
 * customer number): not a look at their data, so not logged. Filing is (withStaffAccess).
 */
export async function getCustomerForFiling(actor: Actor | null, customerId: string): Promise<CustomerForFiling> {
  assertStaff(actor, "requests.file");
  if (typeof customerId !== "string" || !recordIdPattern.test(customerId)) throw new AppError("not_found");
  const db = await getDb();
  const [customer] = await db
    .select({
      id: customers.id,
      givenName: customers.givenName,
      familyName: customers.familyName,
      number: customers.customerNumber,
    })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
  if (!customer) throw new AppError("not_found");
  return { id: customer.id, name: maskName(customer.givenName, customer.familyName), number: customer.number };
}
