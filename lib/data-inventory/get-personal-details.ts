import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { customers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

/** Identity and contact details: one record, shown field by field. */
export type PersonalDetailsDto = {
  /** The number the company knows the customer by (on the phone, on receipts). */
  customerNumber: number;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  email: string;
  phone: string | null;
  customerSince: Date;
};

export async function getPersonalDetails(actor: Actor | null): Promise<PersonalDetailsDto> {
  const customer = assertCustomer(actor, "data.read.own");
  const db = await getDb();
  const [row] = await db
    .select({
      customerNumber: customers.customerNumber,
      givenName: customers.givenName,
      familyName: customers.familyName,
      birthDate: customers.birthDate,
      email: users.email,
      phone: customers.phone,
      customerSince: customers.createdAt,
    })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.id))
    .where(eq(customers.id, customer.customerId))
    .limit(1);
  if (!row) throw new AppError("not_found");
  return row;
}
