import "server-only";
import { and, asc, count, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable, PgView, SelectedFields } from "drizzle-orm/pg-core";
import type { Db, Executor } from "@/db";
import { customerScope, type CustomerScope } from "@/lib/auth/customer-scope";
import type { CategoryKey } from "@/lib/data-inventory/categories";
import { keyset, type Cursor } from "@/lib/pagination/keyset";
import type { DpvPersonalDataTerm } from "./dpv";
import { recordOf, selectionOf, type ExportFields, type ExportRecord } from "./fields";
import { keysetBatches } from "./keyset-batches";

// How an export reads a source (see sources.ts for what each one is): the customer's rows,
// read in keyset batches or, for a small table, in one query, and counted.

/** What the catalogue declares for a source. */
export type SourceDeclaration = {
  /** A table, or a view over several (the access log: staff looks and system reads). */
  table: PgTable | PgView;
  /** The column holding the customer's id. */
  customerId: PgColumn;
  /** A table joined in for some of the fields, with its join condition; `left` when a row may have no match. */
  join?: { table: PgTable; on: SQL; left?: true };
  /** Narrows the customer's rows further; built per query (it may depend on the time). */
  only?: () => SQL;
  /** The record's fields, in order: data.json, the CSV header and the JSON Schema follow it. */
  fields: ExportFields;
  /** The JSON Schema's description of a record. */
  description?: string;
  /** The portal's data categories (see the data overview) this table belongs to. */
  inventoryCategories: CategoryKey[];
  dpv: DpvPersonalDataTerm[];
};

export type ExportSource = SourceDeclaration & {
  /** The fields' names: the CSV header. */
  columns: readonly string[];
  batches: (db: Db, scope: CustomerScope, batchSize: number) => AsyncIterable<ExportRecord[]>;
  count: (db: Executor, scope: CustomerScope) => Promise<number>;
};

/** The one condition that limits every read and count of a source to the customer's own rows. */
function customerRows(source: SourceDeclaration, scope: CustomerScope): SQL {
  const own = customerScope({ customerId: source.customerId }, scope);
  return source.only ? and(own, source.only())! : own;
}

function from(db: Executor, source: SourceDeclaration, selection: SelectedFields) {
  const query = db.select(selection).from(source.table).$dynamic();
  const join = source.join;
  if (!join) return query;
  return join.left ? query.leftJoin(join.table, join.on) : query.innerJoin(join.table, join.on);
}

function counter(source: SourceDeclaration): ExportSource["count"] {
  return async (db, scope) => {
    const [row] = await from(db, source, { n: count() }).where(customerRows(source, scope));
    return Number(row?.n ?? 0);
  };
}

const withReading = (source: SourceDeclaration, batches: ExportSource["batches"]): ExportSource => ({
  ...source,
  columns: Object.keys(source.fields),
  batches,
  count: counter(source),
});

/**
 * Each batch must walk the (customer_id, time) index in order and stop after `limit` rows.
 * Without fresh statistics (a bulk load, PGlite has no autovacuum) the planner may instead
 * fetch every later row and sort them, which makes an export quadratic. A short transaction
 * per batch (never held while the consumer reads) rules those plans out.
 */
function inIndexOrder<T>(db: Db, read: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_bitmapscan = off`);
    await tx.execute(sql`set local enable_sort = off`);
    return read(tx);
  });
}

type KeysetRow = { record: Record<string, unknown>; cursorAt: string; cursorId: string };

/** A customer's rows in ascending (time, id) order, served by the (customer_id, time) index, read in batches. */
export function keysetSource(
  source: SourceDeclaration & {
    keyset: { time: PgColumn; id: PgColumn };
    /**
     * Leave the planner free: for the access-log view, whose system reads are found only
     * through a GIN index (a bitmap scan) and sorted, which inIndexOrder would rule out.
     */
    plannerFree?: true;
  },
): ExportSource {
  const { time, id } = source.keyset;
  const idKind = id.dataType === "string" ? "text" : "number";
  const selection = selectionOf(source.fields);
  const read = (db: Db, query: (tx: Executor) => Promise<KeysetRow[]>) =>
    source.plannerFree ? query(db) : inIndexOrder(db, query);
  return withReading(source, async function* (db, scope, batchSize) {
    const batches = keysetBatches<KeysetRow, Cursor>({
      fetch: (after, limit) =>
        read(db, (tx) => {
          const k = keyset({ time, id, idKind, query: { cursor: after, direction: "newer" } });
          // The record apart, so that no field name can clash with the cursor's.
          return from(tx, source, { record: selection, ...k.fields })
            .where(and(customerRows(source, scope), k.where))
            .orderBy(...k.orderBy)
            .limit(limit) as unknown as Promise<KeysetRow[]>;
        }),
      cursorOf: (row) => ({ at: row.cursorAt, id: row.cursorId }),
      batchSize,
    });
    for await (const rows of batches) yield rows.map((row) => recordOf(source.fields, row.record));
  });
}

/** A table with a handful of rows per customer (one profile, one row per purpose…): one query. */
export function smallSource(source: SourceDeclaration & { orderBy?: PgColumn[] }): ExportSource {
  const selection = selectionOf(source.fields);
  const orderBy = (source.orderBy ?? []).map((column) => asc(column));
  return withReading(source, async function* (db, scope) {
    const rows = (await from(db, source, selection)
      .where(customerRows(source, scope))
      .orderBy(...orderBy)) as Record<string, unknown>[];
    if (rows.length > 0) yield rows.map((row) => recordOf(source.fields, row));
  });
}
