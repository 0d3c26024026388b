import { sql, type SQL } from "drizzle-orm";

/**
 * One array parameter (`'{a,b}'::uuid[]`) instead of one parameter per element, which is
 * what an interpolated JS array becomes: a bulk call's 10,000 references stay one value.
 * Only for values that need no quoting (digits, UUIDs, purpose keys).
 */
export function sqlArray(values: readonly (string | number)[], type: "bigint" | "uuid" | "text"): SQL {
  return sql`${arrayLiteral(values)}::${sql.raw(type)}[]`;
}

/** The array's text form (`{a,b}`), the value of an array parameter; plain tokens only. */
export function arrayLiteral(values: readonly (string | number)[]): string {
  for (const value of values) {
    if (!/^[A-Za-z0-9_.-]+$/.test(String(value))) throw new Error("sqlArray takes plain tokens only");
  }
  return `{${values.join(",")}}`;
}
