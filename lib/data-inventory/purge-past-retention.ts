import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { rowsOf } from "@/db/rows-of";
import { categories, categoryKeys, pastRetention, type CategoryKey } from "./categories";

/**
 * Maintenance (hourly, at start-up): deletes every customer's records whose retention has
 * ended, by the rule the data pages compute "will be deleted on" with (`deletionDate`, as
 * SQL in `pastRetention`), so the date a customer is shown is the date the record goes —
 * within the hour. Categories kept while the account exists are left to the erasure.
 * Returns the rows deleted per category (counts only, never who).
 */
export async function purgePastRetention(
  db: Executor,
  now: Date = new Date(),
): Promise<Partial<Record<CategoryKey, number>>> {
  const deleted: Partial<Record<CategoryKey, number>> = {};
  for (const key of categoryKeys) {
    const { retention, records, counts } = categories[key];
    if (counts !== "rows") continue;
    const due = pastRetention(retention, records.retentionFrom ?? records.oldest, now);
    if (!due) continue;
    const result = await db.execute(
      sql`with gone as (delete from ${records.table} where ${due} returning 1) select count(*)::int as n from gone`,
    );
    const n = Number(rowsOf<{ n: number | string }>(result)[0]?.n ?? 0);
    if (n > 0) deleted[key] = n;
  }
  const total = Object.values(deleted).reduce((sum, n) => sum + n, 0);
  if (total > 0) console.info(`[tillit] deleted ${total} record(s) past their retention`);
  return deleted;
}
