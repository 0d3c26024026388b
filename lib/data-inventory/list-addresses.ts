import "server-only";
import { and } from "drizzle-orm";
import { getDb } from "@/db";
import { addresses } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { keyset, type ListQuery, type Page } from "@/lib/pagination/keyset";

export type AddressDto = {
  id: string;
  label: (typeof addresses.label.enumValues)[number];
  line1: string;
  line2: string | null;
  postcode: string;
  city: string;
  country: string;
  isPrimary: boolean;
  createdAt: Date;
};

/** The signed-in customer's addresses, newest first, 25 a page. */
export async function listAddresses(actor: Actor | null, query: ListQuery): Promise<Page<AddressDto>> {
  const customer = assertCustomer(actor, "data.read.own");
  const db = await getDb();
  const k = keyset({ time: addresses.createdAt, id: addresses.id, idKind: "text", query });
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
      createdAt: addresses.createdAt,
      ...k.fields,
    })
    .from(addresses)
    .where(and(customerScope(addresses, customer), k.where))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, ({ cursorAt: _, cursorId: __, ...address }) => address);
}
