import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "./index";
import { prebuiltStatement } from "./prebuilt-statement";
import { rowsOf } from "./rows-of";

describe("prebuiltStatement", () => {
  it("renders its statement once and runs it with each call's values", async () => {
    let renders = 0;
    const echo = prebuiltStatement<{ n: number; word: string }>(() => {
      renders++;
      return sql`select ${sql.placeholder("n")}::int + 1 as n, ${sql.placeholder("word")}::text as word`;
    });
    const db = await getDb();
    expect(await echo(db, { n: 1, word: "en" })).toEqual([{ n: 2, word: "en" }]);
    expect(await echo(db, { n: 41, word: "to" })).toEqual([{ n: 42, word: "to" }]);
    expect(renders).toBe(1);
    // A value the statement needs and the call leaves out is an error, not a null.
    await expect(echo(db, { n: 1 })).rejects.toThrow(/word/);
  });

  it("runs inside the transaction it is given", async () => {
    const db = await getDb();
    await db.execute(sql`create table prebuilt_probe (value text)`);
    const insert = prebuiltStatement(
      () => sql`insert into prebuilt_probe (value) values (${sql.placeholder("value")})`,
    );
    await expect(
      db.transaction(async (tx) => {
        await insert(tx, { value: "rolled back" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await insert(db, { value: "kept" });
    const rows = rowsOf<{ value: string }>(await db.execute(sql`select value from prebuilt_probe`));
    expect(rows.map((row) => row.value)).toEqual(["kept"]);
  });
});
