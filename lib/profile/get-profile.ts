import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { addresses, customers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope, scopedCustomerId, type CustomerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { AddressCountry, AddressLabel } from "./address-options";

export type AddressDto = {
  id: string;
  label: AddressLabel;
  line1: string;
  line2: string | null;
  postcode: string;
  city: string;
  country: AddressCountry | string;
  isPrimary: boolean;
};

export type ProfileDto = {
  givenName: string;
  familyName: string;
  /** The sign-in address; read-only here. */
  email: string;
  phone: string | null;
  /** ISO date (yyyy-mm-dd). */
  birthDate: string | null;
  /** Primary first, then oldest first. */
  addresses: AddressDto[];
};

export async function getProfile(actor: Actor | null): Promise<ProfileDto> {
  const customer = assertCustomer(actor, "profile.read.own");
  return readProfile(await getDb(), customer);
}

/** One customer's profile, for a caller that has checked who may see it (a logged staff access). */
export async function readProfile(db: Executor, scope: CustomerScope): Promise<ProfileDto> {
  const [row] = await db
    .select({
      givenName: customers.givenName,
      familyName: customers.familyName,
      email: users.email,
      phone: customers.phone,
      birthDate: customers.birthDate,
    })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.id))
    .where(eq(customers.id, scopedCustomerId(scope)))
    .limit(1);
  if (!row) throw new AppError("not_found");
  const rows = await db
    .select({
      id: addresses.id,
      label: addresses.label,
      line1: addresses.line1,
      line2: addresses.line2,
      postcode: addresses.postcode,
      city: addresses.city,
      country: addresses.country,
      isPrimary: addresses.isPrimary,
    })
    .from(addresses)
    .where(customerScope(addresses, scope))
    .orderBy(desc(addresses.isPrimary), asc(addresses.createdAt), asc(addresses.id));
  return { ...row, addresses: rows };
}
