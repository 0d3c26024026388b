import { desc, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { consentEvents, users } from "@/db/schema";
import { encodeCursor } from "@/lib/pagination/keyset";
import { assertProductionBuild, benchSession, measurePages, pageGetter, startBenchServer } from "../http";
import type { Sample } from "../stats";

// Not "bench-…": seedScale counts those to know how many scale customers exist.
export const HISTORY_ID = "history-customer";
const HISTORY_EVENTS = 5_000;

/**
 * One customer who has changed their consents 5,000 times over about seven years, from
 * several channels and devices, with the texts of the purpose versions in force.
 * Set-based, and only once (kept between runs like the scale seed).
 */
export async function seedHistoryCustomer(db: Db): Promise<void> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.id, HISTORY_ID));
  if (existing) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into users (id, email, name, role) values (${HISTORY_ID}, 'history-customer@example.invalid', 'History Customer', 'customer')`);
    await tx.execute(sql`
      insert into customers (id, given_name, family_name, locale, created_at)
      values (${HISTORY_ID}, 'History', 'Customer', 'en', now() - interval '8 years')`);
    await tx.execute(sql`
      with purpose_list as (
        select row_number() over (order by key) - 1 as n, key, version, texts
        from purposes where status = 'published' and legal_basis = 'consent'
      ), agents(n, ua) as (
        values (0, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'),
               (1, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'),
               (2, 'TillitShop/5.2 (iPhone; iOS 18.1)'),
               (3, null)
      )
      insert into consent_events (customer_id, purpose_key, purpose_version, action, occurred_at, source_channel,
                                  user_agent, locale, shown_text, gpc, method)
      select ${HISTORY_ID}, p.key, p.version, case when g % 2 = 0 then 'granted' else 'withdrawn' end,
             now() - make_interval(mins => g * 733), (array['web','app','store','support'])[1 + g % 4],
             a.ua, case when g % 3 = 0 then 'en' else 'nb' end,
             case when g % 3 = 0 then p.texts->'en' else p.texts->'nb' end, g % 11 = 0, 'switch'
      from generate_series(1, ${HISTORY_EVENTS}::int) g
      join purpose_list p on p.n = g % (select count(*) from purpose_list)
      join agents a on a.n = g % 4`);
    // The current state follows the newest event of each purpose.
    await tx.execute(sql`
      insert into consent_states (customer_id, purpose_key, purpose_version, granted, last_action, last_event_id, updated_at)
      select distinct on (purpose_key) customer_id, purpose_key, purpose_version, action = 'granted', action, id, occurred_at
      from consent_events where customer_id = ${HISTORY_ID}
      order by purpose_key, occurred_at desc, id desc`);
  });
}

/**
 * GET of the consent history page (first page, 4,000 events back, one purpose) and of a
 * signed receipt for the customer with 5,000 consent events, against `next start` of the
 * built app on the bench database. Measures the whole response, as data-page does.
 */
export async function consentHistory(options: {
  iterations: number;
  concurrencies: number[];
  databaseUrl: string | undefined;
}): Promise<Sample[]> {
  assertProductionBuild("consent-history");
  const db = await getDb();
  const t0 = performance.now();
  await seedHistoryCustomer(db);
  await db.execute(sql`vacuum (analyze) consent_events`);
  const token = await benchSession(db, HISTORY_ID);
  const [deep] = await db
    .select({
      id: consentEvents.id,
      at: sql<string>`to_char(${consentEvents.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(consentEvents)
    .where(eq(consentEvents.customerId, HISTORY_ID))
    .orderBy(desc(consentEvents.occurredAt), desc(consentEvents.id))
    .offset(4_000)
    .limit(1);
  console.log(`history customer ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { server } = await startBenchServer(options.databaseUrl);
  const pages: [string, string][] = [
    ["history, newest 50", "/account/purposes/history"],
    ["history, 4,000 back", `/account/purposes/history?before=${encodeCursor({ at: deep!.at, id: String(deep!.id) })}`],
    ["history, one purpose", "/account/purposes/history?purpose=newsletter"],
    ["receipt download", `/account/purposes/history/${deep!.id}/receipt`],
    // Reference: a light account page under the same conditions (framework and session cost).
    ["purposes page (reference)", "/account/purposes"],
  ];
  const get = pageGetter(server.baseURL, token);
  try {
    for (const [name, url] of pages.slice(0, 2)) {
      // Each event's receipt link, counted once (the RSC payload repeats it).
      const receipts = new Set((await get(url)).match(/consent-receipt-\d+\.jws/g));
      if (receipts.size !== 50) throw new Error(`${name} shows ${receipts.size} events, not 50`);
    }
    return await measurePages(pages, options, get);
  } finally {
    await server.stop();
  }
}
