import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows-of";

/** Every rollup table, summed over slots, in a stable order. */
export async function rollups() {
  const db = await getDb();
  const q = async (query: string) => rowsOf<Record<string, unknown>>(await db.execute(sql.raw(query)));
  return {
    current: await q(`select purpose_key, purpose_version, last_action, sum(customers)::int n from consent_rollup_current
      group by 1, 2, 3 having sum(customers) <> 0 order by 1, 2, 3`),
    daily: await q(`select purpose_key, day::text, purpose_version, last_action, sum(entered)::int e, sum(exited)::int x
      from consent_rollup_daily group by 1, 2, 3, 4 having sum(entered) + sum(exited) <> 0 order by 1, 2, 3, 4`),
    minute: await q(`select purpose_key, minute, last_action, sum(events)::int n from consent_rollup_minute group by 1, 2, 3 order by 1, 2, 3`),
    customers: await q(`select day::text, sum(joined)::int j, sum(departed)::int d from customer_rollup_daily group by 1 order by 1`),
    received: await q(`select month::text, kind, sum(requests)::int n from request_rollup_received group by 1, 2 order by 1, 2`),
    answered: await q(`select month::text, kind, days, on_time, sum(requests)::int n from request_rollup_answered group by 1, 2, 3, 4 order by 1, 2, 3, 4`),
    reasons: await q(`select purpose_key, day::text, reason, reasons n from withdrawal_reason_rollup_daily order by 1, 2, 3`),
    access: await q(`select month::text, justification, sum(accesses)::int n, sum(customers)::int c from staff_access_rollup_monthly group by 1, 2 order by 1, 2`),
  };
}

