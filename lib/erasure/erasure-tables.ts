import { is, sql, type SQL } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "@/db/schema";

// Which tables hold rows about one customer, derived from the Drizzle schema rather than
// listed by hand, so a table added later is erased too: every table with a customer_id or
// user_id column, the users row itself, and (transitively) every table whose foreign key
// points at such a table's rows (customers → users, export_file_chunks → requests).

export type ErasureTable = {
  name: string;
  /** Selects this customer's rows of the table; `id` is the user (= customer) id. */
  rowsOf: (id: string) => SQL;
  /** Tables whose rows this one points at: deleted after this one. */
  parents: string[];
};

const OWNER_COLUMNS = ["customer_id", "user_id"] as const;

function allTables(): PgTable[] {
  return (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
}

let cached: ErasureTable[] | undefined;

/** The customer's tables, children before parents (the order in which they are deleted). */
export function erasureTables(): ErasureTable[] {
  if (cached) return cached;
  const configs = allTables().map((table) => getTableConfig(table));
  const byName = new Map<string, ErasureTable>();

  for (const config of configs) {
    const owner = config.columns.find((c) => (OWNER_COLUMNS as readonly string[]).includes(c.name));
    if (config.name === "users") {
      byName.set("users", { name: "users", rowsOf: (id) => sql`${sql.identifier("id")} = ${id}`, parents: [] });
    } else if (owner) {
      const column = owner.name;
      byName.set(config.name, {
        name: config.name,
        rowsOf: (id) => sql`${sql.identifier(column)} = ${id}`,
        parents: [],
      });
    }
  }
  // Tables that reach a customer's rows only through a foreign key, to a fixed point.
  let grew = true;
  while (grew) {
    grew = false;
    for (const config of configs) {
      if (byName.has(config.name)) continue;
      for (const fk of config.foreignKeys) {
        const ref = fk.reference();
        const parentName = getTableConfig(ref.foreignTable).name;
        const parent = byName.get(parentName);
        if (!parent || ref.columns.length !== 1) continue;
        const column = ref.columns[0]!.name;
        const parentColumn = ref.foreignColumns[0]!.name;
        byName.set(config.name, {
          name: config.name,
          rowsOf: (id) =>
            sql`${sql.identifier(column)} in (select ${sql.identifier(parentColumn)} from ${sql.identifier(parentName)} where ${parent.rowsOf(id)})`,
          parents: [],
        });
        grew = true;
        break;
      }
    }
  }
  for (const config of configs) {
    const entry = byName.get(config.name);
    if (!entry) continue;
    entry.parents = config.foreignKeys
      .map((fk) => getTableConfig(fk.reference().foreignTable).name)
      .filter((name) => name !== config.name && byName.has(name));
  }
  cached = childrenFirst([...byName.values()]);
  return cached;
}

/** Every table in the schema by name (for the coverage test and the trace scan). */
export function schemaTableNames(): string[] {
  return allTables().map((table) => getTableConfig(table).name);
}

function childrenFirst(tables: ErasureTable[]): ErasureTable[] {
  const remaining = new Map(tables.map((t) => [t.name, t]));
  const ordered: ErasureTable[] = [];
  while (remaining.size > 0) {
    // A table goes when no remaining table still points at it.
    const ready = [...remaining.values()].filter(
      (t) => ![...remaining.values()].some((other) => other !== t && other.parents.includes(t.name)),
    );
    if (ready.length === 0) throw new Error("foreign-key cycle among customer tables");
    for (const t of ready.sort((a, b) => a.name.localeCompare(b.name))) {
      ordered.push(t);
      remaining.delete(t.name);
    }
  }
  return ordered;
}
