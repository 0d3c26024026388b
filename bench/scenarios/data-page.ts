import { desc, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { interactionEvents, users } from "@/db/schema";
import { encodeCursor } from "@/lib/pagination/keyset";
import { assertProductionBuild, benchSession, measurePages, pageGetter, startBenchServer } from "../http";
import type { Sample } from "../stats";

// Not "bench-…": seedScale counts those to know how many scale customers exist.
export const HEAVY_ID = "heavy-customer";
const HEAVY_EVENTS = 50_000;
const HEAVY_ORDERS = 2_000;

/**
 * One customer with a long history among the bench customers: 50,000 interaction
 * events over two years, 2,000 orders over five, and a little of everything else.
 * Set-based, and only once (kept between runs like the scale seed).
 */
export async function seedHeavyCustomer(db: Db): Promise<void> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.id, HEAVY_ID));
  if (existing) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into users (id, email, name, role) values (${HEAVY_ID}, 'heavy-customer@example.invalid', 'Heavy Customer', 'customer')`);
    await tx.execute(sql`
      insert into customers (id, given_name, family_name, phone, birth_date, locale, created_at)
      values (${HEAVY_ID}, 'Heavy', 'Customer', '+47 400 00 000', '1980-05-17', 'en', now() - interval '6 years')`);
    await tx.execute(sql`
      insert into addresses (id, customer_id, label, line1, postcode, city, is_primary, created_at)
      select gen_random_uuid()::text, ${HEAVY_ID}, (array['home','work','other'])[g], 'Benchgata ' || g, '0150', 'Oslo', g = 1,
             now() - make_interval(days => 300 * g)
      from generate_series(1, 3) g`);
    await tx.execute(sql`
      insert into orders (id, customer_id, order_number, placed_at, status, channel, item_count, total_ore)
      select gen_random_uuid()::text, ${HEAVY_ID}, 'HB-' || (100000 + g), now() - make_interval(hours => g * 21),
             case when g % 40 = 0 then 'returned' else 'delivered' end, (array['web','app','store'])[1 + g % 3],
             1 + g % 5, 14900 + (g * 7919) % 240000
      from generate_series(1, ${HEAVY_ORDERS}::int) g`);
    await tx.execute(sql`
      insert into interaction_events (customer_id, channel, kind, occurred_at)
      select ${HEAVY_ID}, (array['web','app','store','support','email'])[1 + (g * 7) % 5],
             (array['page_view','search','add_to_cart','product_view','store_visit'])[1 + g % 5],
             now() - make_interval(mins => g * 20)
      from generate_series(1, ${HEAVY_EVENTS}::int) g`);
    await tx.execute(sql`
      insert into loyalty_accounts (customer_id, member_number, tier, points_balance, joined_at)
      values (${HEAVY_ID}, '7080 9999 0001', 'gold', 48210, now() - interval '6 years')`);
    await tx.execute(sql`
      insert into loyalty_transactions (customer_id, occurred_at, points, reason, order_number)
      select ${HEAVY_ID}, now() - make_interval(hours => g * 21), 10 + g % 200, 'purchase', 'HB-' || (100000 + g)
      from generate_series(1, ${HEAVY_ORDERS}::int) g`);
    await tx.execute(sql`
      insert into devices (id, customer_id, kind, name, os, first_seen_at, last_seen_at)
      select gen_random_uuid()::text, ${HEAVY_ID}, (array['phone','tablet','computer','phone'])[g], 'Device ' || g, 'OS ' || g,
             now() - make_interval(days => 200 * g), now() - make_interval(days => g)
      from generate_series(1, 4) g`);
    await tx.execute(sql`
      insert into support_tickets (id, customer_id, reference, subject, channel, status, created_at, closed_at)
      select gen_random_uuid()::text, ${HEAVY_ID}, 'SUP-B' || g, 'Sak ' || g, (array['email','chat','phone','store'])[1 + g % 4],
             'closed', now() - make_interval(days => g * 30), now() - make_interval(days => g * 30 - 1)
      from generate_series(1, 30) g`);
    await tx.execute(sql`
      insert into messages_sent (customer_id, channel, purpose_key, subject, sent_at)
      select ${HEAVY_ID}, 'email', 'newsletter', 'Nyhetsbrev ' || g, now() - make_interval(days => g)
      from generate_series(1, 700) g`);
    await tx.execute(sql`
      insert into inferences (id, customer_id, kind, label, derived_from, source_categories, created_at)
      select gen_random_uuid()::text, ${HEAVY_ID}, 'interest', jsonb_build_object('nb', 'Interesse ' || g, 'en', 'Interest ' || g),
             '{"nb": "Kjøp", "en": "Purchases"}'::jsonb, array['orders'], now() - make_interval(days => g * 10)
      from generate_series(1, 3) g`);
  });
}

/**
 * GET of the server-rendered data pages for the heavy customer, against `next start`
 * of the built app on the bench database (100,000 customers by default). Measures
 * the whole response: session lookup, queries, React render, body transfer.
 */
export async function dataPage(options: {
  iterations: number;
  concurrencies: number[];
  databaseUrl: string | undefined;
}): Promise<Sample[]> {
  assertProductionBuild("data-page");
  const db = await getDb();
  const t0 = performance.now();
  await seedHeavyCustomer(db);
  // After a bulk load, as autovacuum would: fresh statistics and visibility map (index-only scans).
  for (const table of ["interaction_events", "orders", "loyalty_transactions", "messages_sent"]) {
    await db.execute(sql.raw(`vacuum (analyze) ${table}`));
  }
  const token = await benchSession(db, HEAVY_ID);
  // A cursor 40,000 events back: keyset pages cost the same at any depth.
  const [deep] = await db
    .select({
      at: sql<string>`to_char(${interactionEvents.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      id: sql<string>`${interactionEvents.id}::text`,
    })
    .from(interactionEvents)
    .where(eq(interactionEvents.customerId, HEAVY_ID))
    .orderBy(desc(interactionEvents.occurredAt), desc(interactionEvents.id))
    .offset(40_000)
    .limit(1);
  console.log(`heavy customer ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { server } = await startBenchServer(options.databaseUrl);
  const pages: [string, string][] = [
    ["data page", "/account/data"],
    ["interactions, newest", "/account/data/interactions"],
    ["interactions, app + dates", "/account/data/interactions?channel=app&from=2025-01-01&to=2026-12-31"],
    ["interactions, dates", "/account/data/interactions?from=2025-01-01&to=2026-12-31"],
    ["interactions, 40,000 back", `/account/data/interactions?before=${encodeCursor(deep!)}`],
    ["orders", "/account/data/orders"],
    // Reference: a light account page under the same conditions (framework and session cost).
    ["purposes page (reference)", "/account/purposes"],
  ];
  const get = pageGetter(server.baseURL, token);
  try {
    const overview = await get("/account/data");
    if (!overview.includes("50,000 interactions") || !overview.includes("2,000 orders")) {
      throw new Error("the data page does not show the heavy customer's 50,000 events and 2,000 orders");
    }
    return await measurePages(pages, options, get);
  } finally {
    await server.stop();
  }
}
