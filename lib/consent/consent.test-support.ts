import { sql } from "drizzle-orm";
import { getDb } from "@/db";

/**
 * Appends `count` synthetic consent events for the customer straight into the log (test
 * data, not a consent change): purposes rotate through `keys` (version 1 of each), every
 * third pair shares a timestamp to the microsecond, so paging must break ties on id.
 */
export async function givenConsentEvents(
  customerId: string,
  options: { count: number; keys: string[]; start?: string },
): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    insert into consent_events (customer_id, purpose_key, purpose_version, action, occurred_at, source_channel,
                                user_agent, locale, shown_text, method)
    select ${customerId}, (string_to_array(${options.keys.join(",")}, ','))[1 + g % ${options.keys.length}], 1,
           case when g % 2 = 0 then 'granted' else 'withdrawn' end,
           ${options.start ?? "2026-01-01T00:00:00Z"}::timestamptz - make_interval(secs => (g - g % 3 / 2) * 60),
           'web', null, 'en', jsonb_build_object('name', 'Event ' || g, 'description', 'd', 'benefit', 'b',
           'consequence', 'c', 'retention', 'r'), 'switch'
    from generate_series(1, ${options.count}::int) g`);
}
