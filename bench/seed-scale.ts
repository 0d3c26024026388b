import { count, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers } from "@/db/schema";

const givenNames = sql.raw(
  `array[${"Kari Ola Ingrid Lars Nora Jonas Emma Henrik Sofie Magnus Maja Sander Ella Elias Leah Jakob Sara Oskar Ida Filip Anna Aksel Thea Noah Olivia Isak Frida Emil Hanna Mathias Selma Johannes Vilde Kristian Astrid Tobias Live William Julie Erik"
    .split(" ")
    .map((n) => `'${n}'`)
    .join(",")}]`,
);
const familyNames = sql.raw(
  `array[${"Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen Halvorsen Henriksen Lund Sørensen Jakobsen Moen Gundersen Iversen Strand Solberg Svendsen Eide Knutsen Martinsen Paulsen Bakken Kristoffersen Mathisen Nordmann"
    .split(" ")
    .map((n) => `'${n}'`)
    .join(",")}]`,
);

export type ScaleOptions = { customers: number; eventsPerCustomer: number; batch?: number };

/**
 * Adds synthetic customers (bench-N, given.familyN@example.invalid) with interaction events and a few
 * consent states, set-based in SQL so 100,000 customers load in minutes, not hours.
 * Tops up to the requested count; existing bench customers are kept.
 */
export async function seedScale(db: Db, options: ScaleOptions): Promise<{ added: number; total: number }> {
  const batch = options.batch ?? 5_000;
  const [row] = await db
    .select({ n: count() })
    .from(customers)
    .where(sql`${customers.id} like 'bench-%'`);
  const existing = row?.n ?? 0;
  for (let from = existing; from < options.customers; from += batch) {
    const to = Math.min(from + batch, options.customers) - 1;
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into users (id, email, name, role)
        select 'bench-' || g,
               translate(lower((${givenNames})[1 + g % 40] || '.' || (${familyNames})[1 + (g / 40) % 40]), 'æøå', 'aoa')
                 || g || '@example.invalid',
               'Bench ' || g, 'customer'
        from generate_series(${from}::int, ${to}::int) g`);
      // Names and phone numbers as varied as a real customer base (the support search
      // reads them): 40 × 40 name pairs, so common names repeat as they do in life.
      await tx.execute(sql`
        insert into customers (id, given_name, family_name, phone, locale)
        select 'bench-' || g,
               (${givenNames})[1 + g % 40],
               (${familyNames})[1 + (g / 40) % 40],
               '+47 ' || lpad(((g * 7919) % 100000000)::text, 8, '9'),
               case when g % 3 = 0 then 'en' else 'nb' end
        from generate_series(${from}::int, ${to}::int) g`);
      if (options.eventsPerCustomer > 0) {
        await tx.execute(sql`
          insert into interaction_events (customer_id, channel, kind, occurred_at)
          select 'bench-' || g,
                 (array['web','app','store','support','email'])[1 + (e % 5)],
                 'page_view',
                 now() - make_interval(mins => (e * 97 + g) % 525600)
          from generate_series(${from}::int, ${to}::int) g, generate_series(1, ${options.eventsPerCustomer}::int) e`);
      }
      // A realistic mix: about half have granted the newsletter, a third personalised offers.
      await tx.execute(sql`
        with granted as (
          select 'bench-' || g as customer_id, p.key, (g % p.modulo = 0) as on_state
          from generate_series(${from}::int, ${to}::int) g,
               (values ('newsletter', 2), ('personalised_offers', 3)) as p(key, modulo)
        ), events as (
          insert into consent_events (customer_id, purpose_key, purpose_version, action, source_channel, locale, shown_text)
          select customer_id, key, 1, case when on_state then 'granted' else 'withdrawn' end, 'web', 'nb', '{}'::jsonb
          from granted
          returning id, customer_id, purpose_key, action, occurred_at
        )
        insert into consent_states (customer_id, purpose_key, purpose_version, granted, last_action, last_event_id, updated_at)
        select customer_id, purpose_key, 1, action = 'granted', action, id, occurred_at from events`);
    });
    process.stdout.write(`\r  seeded ${to + 1}/${options.customers} customers`);
  }
  if (existing < options.customers) process.stdout.write("\n");
  return { added: Math.max(options.customers - existing, 0), total: Math.max(options.customers, existing) };
}
