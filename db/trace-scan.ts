import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "./rows-of";

// Looks for traces of a person in every text and json column of every table in the public
// schema (the erasure test, unit and e2e). No server-only import: Playwright uses it too.

export type TraceHit = { table: string; column: string; rows: number };
type Executor = { execute: (query: SQL) => Promise<unknown> };

/** Every text/varchar/json/jsonb/text[] column of the public schema. */
export async function textColumns(db: Executor): Promise<{ table: string; column: string }[]> {
  const result = await db.execute(sql`
    select c.table_name as "table", c.column_name as "column"
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
           or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar', '_bpchar', '_json', '_jsonb')))
    order by c.table_name, c.column_name`);
  return rowsOf<{ table: string; column: string }>(result);
}

/** Where any of the needles occurs (case-insensitive, json and arrays searched as text). */
export async function traceScan(db: Executor, needles: string[]): Promise<TraceHit[]> {
  const terms = [...new Set(needles.map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0))];
  if (terms.length === 0) throw new Error("traceScan needs at least one needle");
  const hits: TraceHit[] = [];
  for (const { table, column } of await textColumns(db)) {
    const value = sql`lower(${sql.identifier(column)}::text)`;
    const matches = sql.join(
      terms.map((term) => sql`strpos(${value}, ${term}) > 0`),
      sql` or `,
    );
    const [row] = rowsOf<{ n: number | string }>(
      await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${matches}`),
    );
    const rows = Number(row?.n ?? 0);
    if (rows > 0) hits.push({ table, column, rows });
  }
  return hits;
}
