import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getDriver } from "@/db";
import { rowsOf } from "@/db/rows-of";
import { customers } from "@/db/schema";

const onServer = (await getDriver()) === "postgres";

// PGlite runs in this process: no round trips to save, nothing to prepare.
describe.skipIf(!onServer)("statements on the PostgreSQL server", () => {
  it("are prepared once per connection, in transactions too, unless they carry a caller-sized list", async () => {
    const db = await getDb();
    const prepared = await db.transaction(async (tx) => {
      for (const id of ["a", "b", "c"]) {
        await tx
          .select({ id: customers.id })
          .from(customers)
          .where(sql`${customers.id} = ${id} and 41 = 41`);
      }
      const many = Array.from({ length: 150 }, (_, i) => `many-${i}`);
      await tx.select({ id: customers.id }).from(customers).where(inArray(customers.id, many));
      return rowsOf<{ statement: string }>(await tx.execute(sql`select statement from pg_prepared_statements`));
    });
    const statements = prepared.map((row) => row.statement);
    expect(
      statements.filter((s) => s.includes("41 = 41")),
      "one statement for three runs",
    ).toHaveLength(1);
    expect(statements.some((s) => s.includes("$150"))).toBe(false);
  });
});
