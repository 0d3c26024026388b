// Test data for the data-inventory tests: a customer with known rows in every category.
import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  addresses,
  customers,
  devices,
  inferences,
  interactionEvents,
  loyaltyAccounts,
  loyaltyTransactions,
  messagesSent,
  orders,
  supportTickets,
} from "@/db/schema";

export const DAY = 24 * 60 * 60 * 1000;

/** Inserts events at exact (microsecond) times, which a JavaScript Date cannot carry. */
export async function givenInteractions(
  customerId: string,
  events: { channel: "web" | "app" | "store" | "support" | "email"; at: string; kind?: string }[],
) {
  const db = await getDb();
  if (events.length === 0) return;
  await db.insert(interactionEvents).values(
    events.map((e) => ({
      customerId,
      channel: e.channel,
      kind: e.kind ?? "page_view",
      occurredAt: sql`${e.at}::timestamptz` as unknown as Date,
    })),
  );
}

/** `n` web events one minute apart, ending at `end`, set-based so thousands are quick. */
export async function givenManyInteractions(customerId: string, n: number, end = "2026-06-01T12:00:00Z") {
  const db = await getDb();
  await db.execute(sql`
    insert into interaction_events (customer_id, channel, kind, occurred_at)
    select ${customerId}, 'web', 'page_view', ${end}::timestamptz - make_interval(mins => g)
    from generate_series(0, ${n - 1}::int) g`);
}

/** A fixed set of rows in every category, with the oldest record of each known. */
export async function givenCustomerData(customerId: string, now: Date) {
  const db = await getDb();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  await db
    .update(customers)
    .set({ phone: "+47 400 00 000", birthDate: "1990-01-31", createdAt: ago(500) })
    .where(sql`${customers.id} = ${customerId}`);
  await db.insert(addresses).values([
    {
      customerId,
      label: "home",
      line1: "Testveien 1",
      postcode: "0150",
      city: "Oslo",
      isPrimary: true,
      createdAt: ago(400),
    },
    { customerId, label: "work", line1: "Testgata 2", postcode: "5003", city: "Bergen", createdAt: ago(10) },
  ]);
  await db.insert(orders).values(
    Array.from({ length: 30 }, (_, i) => ({
      customerId,
      orderNumber: `T-${1000 + i}`,
      placedAt: ago(300 - i * 5),
      status: "delivered" as const,
      channel: "web" as const,
      itemCount: 1,
      totalOre: 10_000 + i,
    })),
  );
  await db.insert(loyaltyAccounts).values({
    customerId,
    memberNumber: "7080 0000 0001",
    tier: "bronze",
    pointsBalance: 120,
    joinedAt: ago(450),
  });
  await db.insert(loyaltyTransactions).values([
    { customerId, occurredAt: ago(200), points: 100, reason: "purchase", orderNumber: "T-1000" },
    { customerId, occurredAt: ago(20), points: 20, reason: "bonus" },
  ]);
  await db.insert(devices).values([
    { customerId, kind: "phone", name: "Phone", os: "iOS 18", firstSeenAt: ago(350), lastSeenAt: ago(2) },
    { customerId, kind: "computer", name: "Laptop", os: "Linux", firstSeenAt: ago(100), lastSeenAt: ago(40) },
  ]);
  await db.insert(supportTickets).values({
    customerId,
    reference: "SUP-1",
    subject: "Hjelp",
    channel: "chat",
    status: "closed",
    createdAt: ago(90),
    closedAt: ago(89),
  });
  await db.insert(messagesSent).values([
    { customerId, channel: "email", purposeKey: "newsletter", subject: "Nyhetsbrev 1", sentAt: ago(60) },
    { customerId, channel: "sms", purposeKey: "order_sms", subject: "Ordre sendt", sentAt: ago(30) },
    { customerId, channel: "email", purposeKey: "retired_purpose", subject: "Gammel", sentAt: ago(5) },
  ]);
  const inferenceIds = await givenInferences(customerId, now);
  await givenInteractions(customerId, [
    { channel: "web", at: ago(250).toISOString() },
    { channel: "web", at: ago(100).toISOString() },
    { channel: "app", at: ago(50).toISOString() },
    { channel: "store", at: ago(1).toISOString() },
  ]);
  return { inferenceIds };
}

/** Two active inferences ("Active runner", "Outdoor life"); returns their ids in that order. */
export async function givenInferences(customerId: string, now: Date): Promise<string[]> {
  const db = await getDb();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const rows = await db
    .insert(inferences)
    .values([
      {
        customerId,
        kind: "segment",
        label: { nb: "Aktiv løper", en: "Active runner" },
        derivedFrom: { nb: "Kjøp av løpesko", en: "Purchases of running shoes" },
        sourceCategories: ["orders"],
        createdAt: ago(120),
      },
      {
        customerId,
        kind: "interest",
        label: { nb: "Friluftsliv", en: "Outdoor life" },
        derivedFrom: { nb: "Produktvisninger", en: "Product views" },
        sourceCategories: ["interactions"],
        createdAt: ago(80),
      },
    ])
    .returning({ id: inferences.id });
  return rows.map((r) => r.id);
}
