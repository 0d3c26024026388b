import { type Query, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Executor } from "./index";
import { rowsOf } from "./rows-of";

const dialect = new PgDialect();

/**
 * A raw statement whose SQL text drizzle renders once, not on every call: `build` writes it
 * with `sql.placeholder("name")` for each value, and each call fills them in. Turning a
 * large `sql` template (a statement of several CTEs names dozens of columns) into text costs
 * more CPU than the rest of a hot call's JavaScript together; the text never changes, only
 * the values. `build` must depend on nothing but its shape: values go in placeholders.
 */
export function prebuiltStatement<Row>(
  build: () => SQL,
): (db: Executor, values: Record<string, unknown>) => Promise<Row[]> {
  let query: Query | undefined;
  return async (db, values) => {
    query ??= dialect.sqlToQuery(build());
    // What db.execute does after rendering (drizzle 0.45: its session's prepared query, filled
    // with the values). An internal of drizzle's: db/prebuilt-statement.test.ts holds it.
    const prepared = db._.session.prepareQuery(query, undefined, undefined, false);
    return rowsOf<Row>(await prepared.execute(values));
  };
}
