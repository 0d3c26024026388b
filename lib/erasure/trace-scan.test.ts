import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, orders, users } from "@/db/schema";
import { textColumns, traceScan } from "@/db/trace-scan";
import { actorForUser, type CustomerActor } from "@/lib/auth/actor";
import { seedDemoData } from "@/lib/demo/seed";
import { jobHandlers } from "@/lib/job-handlers";
import { runDueJobs } from "@/lib/jobs/runner";
import { requestErasure } from "./request-erasure";
import { endGracePeriod } from "./erasure.test-support";

let kari: CustomerActor;
let ola: CustomerActor;

beforeAll(async () => {
  const db = await getDb();
  await seedDemoData(db);
  const byEmail = async (email: string) => {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    return { ...(actorForUser(user!) as CustomerActor), signedInAt: new Date() };
  };
  kari = await byEmail("kari@example.com");
  ola = await byEmail("ola@example.com");
});

function kariNeedles(customerId: string) {
  return [
    "kari@example.com",
    "+47 912 34 567",
    "912 34 567",
    "91234567",
    "+4791234567",
    "004791234567",
    customerId,
    "Kari Nordmann",
  ];
}

it("finds Kari before her erasure, and afterwards only in the records kept by law", async () => {
  const db = await getDb();
  // Text, json and array columns are all searched.
  const columns = (await textColumns(db)).map((c) => `${c.table}.${c.column}`);
  expect(columns).toEqual(
    expect.arrayContaining([
      "users.email",
      "interaction_events.detail",
      "disclosures.data_categories",
      "retained_records.data",
    ]),
  );
  const needles = kariNeedles(kari.customerId);
  const before = await traceScan(db, needles);
  const tablesBefore = new Set(before.map((h) => h.table));
  // The scan works: she is all over the database before.
  for (const table of ["users", "customers", "orders", "consent_events"]) {
    expect(tablesBefore, table).toContain(table);
  }

  const [olaBefore] = await db.select().from(customers).where(eq(customers.id, ola.customerId));
  const olaOrders = (await db.select().from(orders).where(eq(orders.customerId, ola.customerId))).length;

  const { requestId } = await requestErasure(kari);
  await endGracePeriod(db, requestId);
  expect(await runDueJobs(db, jobHandlers)).toBe(1);

  const after = await traceScan(db, needles);
  expect(after.filter((hit) => hit.table !== "retained_records")).toEqual([]);
  // What is kept is her name and billing address on the invoices, never her id, email or phone.
  expect(
    await traceScan(
      db,
      needles.filter((n) => n !== "Kari Nordmann"),
    ),
  ).toEqual([]);
  expect(after.map((h) => `${h.table}.${h.column}`)).toEqual(["retained_records.data"]);

  // Ola, who shares the family name, is untouched.
  const [olaAfter] = await db.select().from(customers).where(eq(customers.id, ola.customerId));
  expect(olaAfter).toEqual(olaBefore);
  expect((await db.select().from(orders).where(eq(orders.customerId, ola.customerId))).length).toBe(olaOrders);
  expect(await traceScan(db, ["ola@example.com"])).toEqual(
    expect.arrayContaining([expect.objectContaining({ table: "users", column: "email" })]),
  );
});
