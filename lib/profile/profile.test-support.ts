import { asc } from "drizzle-orm";
import { getDb } from "@/db";
import { addresses, customers, dataChanges } from "@/db/schema";

type NewAddress = Partial<typeof addresses.$inferInsert>;

/** An address row for a customer, straight into the database (test set-up only). */
export async function givenAddress(customerId: string, fields: NewAddress = {}) {
  const db = await getDb();
  const [row] = await db
    .insert(addresses)
    .values({ label: "home", line1: "Storgata 1", postcode: "0184", city: "Oslo", ...fields, customerId })
    .returning();
  return row!;
}

/** Every profile row in this file's database, to show that a refused change wrote nothing. */
export async function allProfileRows() {
  const db = await getDb();
  return {
    customers: await db.select().from(customers).orderBy(asc(customers.id)),
    addresses: await db.select().from(addresses).orderBy(asc(addresses.id)),
    dataChanges: await db.select().from(dataChanges).orderBy(asc(dataChanges.id)),
  };
}
