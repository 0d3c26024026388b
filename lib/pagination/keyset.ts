import { and, asc, desc, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";

// Twenty records a page: each row is sent twice (markup and RSC payload), and a page of a
// record list stays within the 40 kB HTML budget (ARCHITECTURE.md, "Page weight").
export const PAGE_SIZE = 20;

/**
 * A position in a list ordered by (time, id), newest first. The time is kept to the
 * microsecond as PostgreSQL stores it: a JavaScript Date would round it to the
 * millisecond and skip or repeat rows at a page boundary.
 */
export type Cursor = { at: string; id: string };
export type IdKind = "number" | "text";
export type ListQuery = { cursor: Cursor | null; direction: "older" | "newer" };
export const firstPage: ListQuery = { cursor: null, direction: "older" };

/** A page of rows with the cursors for the links to the newer and older pages, if there are any. */
export type Page<T> = { items: T[]; newer: string | null; older: string | null };

const cursorSchema = (idKind: IdKind) =>
  z.object({
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
    id: idKind === "number" ? z.string().regex(/^\d{1,18}$/) : z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  });

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor in a URL, or null when it is not one this list could have made. */
export function decodeCursor(value: string, idKind: IdKind): Cursor | null {
  if (value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const [at, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (rest.length > 0) return null;
  const parsed = cursorSchema(idKind).safeParse({ at, id });
  return parsed.success ? parsed.data : null;
}

/**
 * Keyset pagination over (time, id): the where clause, order and limit for one page,
 * and the conversion of the fetched rows into a page. Served by an index leading with
 * (customer_id, time); no OFFSET, so page 2,000 costs what page 1 costs.
 */
export function keyset(options: { time: PgColumn; id: PgColumn; idKind: IdKind; query: ListQuery; pageSize?: number }) {
  const { time, id, query } = options;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const older = query.direction === "older";
  let where: SQL | undefined;
  if (query.cursor) {
    const at = sql`${query.cursor.at}::timestamptz`;
    const cursorId = options.idKind === "number" ? sql`${query.cursor.id}::bigint` : sql`${query.cursor.id}::text`;
    // `time <= at` alone is an index range condition; the OR breaks ties on id.
    where = older
      ? and(sql`${time} <= ${at}`, sql`(${time} < ${at} or ${id} < ${cursorId})`)
      : and(sql`${time} >= ${at}`, sql`(${time} > ${at} or ${id} > ${cursorId})`);
  }
  return {
    where,
    orderBy: older ? [desc(time), desc(id)] : [asc(time), asc(id)],
    limit: pageSize + 1,
    fields: {
      cursorAt: sql<string>`to_char(${time} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      cursorId: sql<string>`${id}::text`,
    },
    page<R extends { cursorAt: string; cursorId: string }, T>(rows: R[], toDto: (row: R) => T): Page<T> {
      const more = rows.length > pageSize;
      const kept = rows.slice(0, pageSize);
      // Newest first on screen, whichever way the rows were fetched.
      if (!older) kept.reverse();
      const first = kept[0];
      const last = kept.at(-1);
      const cursorOf = (row: R | undefined) => (row ? encodeCursor({ at: row.cursorAt, id: row.cursorId }) : null);
      return {
        items: kept.map(toDto),
        newer: older ? (query.cursor ? cursorOf(first) : null) : more ? cursorOf(first) : null,
        older: older ? (more ? cursorOf(last) : null) : cursorOf(last),
      };
    },
  };
}
