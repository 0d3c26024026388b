import { sql } from "drizzle-orm";
import type { Executor } from "./index";

/** The database's statement time (one clock for every process), through either driver. */
export async function databaseNow(db: Executor): Promise<Date> {
  const result = (await db.execute(sql`select statement_timestamp() as now`)) as unknown;
  // postgres.js returns the rows as an array; PGlite returns { rows }.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { now: string | Date }[];
  return new Date(rows[0]!.now);
}
