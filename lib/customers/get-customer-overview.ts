import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { customers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

export type CustomerOverviewDto = { givenName: string };

export async function getCustomerOverview(actor: Actor | null): Promise<CustomerOverviewDto> {
  const customer = assertCustomer(actor, "profile.read.own");
  const db = await getDb();
  const [row] = await db
    .select({ givenName: customers.givenName })
    .from(customers)
    .where(eq(customers.id, customer.customerId))
    .limit(1);
  if (!row) throw new AppError("not_found");
  return row;
}
