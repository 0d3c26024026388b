import type { PgColumn } from "drizzle-orm/pg-core";
import type { LocalisedText } from "@/db/schema";
import * as s from "./json-schema";

// A field of an exported record, declared once: the column it is read from, how the stored
// value is written (data.json and the CSV) and its JSON Schema. Whether it may be null
// follows the column.

export type ExportValue = string | number | boolean | null | ExportValue[] | { [key: string]: ExportValue };
export type ExportRecord = Record<string, ExportValue>;

export type ExportField = {
  column: PgColumn;
  schema: s.Schema;
  // A method, so that a field of any column type is an ExportField.
  write(stored: unknown): ExportValue;
  /**
   * The day a field was added to the published format: every export made since holds it,
   * but one made before does not, so the schema does not require it (it stays version 1).
   */
  added?: string;
};
export type ExportFields = Record<string, ExportField>;

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

type ColumnOf<T> = PgColumn & { readonly _: { readonly data: T } };
type Stored<C extends PgColumn> = C["_"]["notNull"] extends true ? C["_"]["data"] : C["_"]["data"] | null;

type FieldOptions<T> = {
  schema: s.Schema;
  /** The schema when the column may be null (default: the schema or null). */
  orNull?: s.Schema;
  /** Added to the schema: a description, a format. */
  more?: s.Schema;
  /** How a stored value is written (default: as it is); a stored null is written as null. */
  write?: (stored: T) => ExportValue;
};

function of<T>(column: ColumnOf<T>, options: FieldOptions<T>): ExportField {
  const { schema, orNull = s.orNull(schema), more, write = (stored: T) => stored as ExportValue } = options;
  const base = column.notNull ? schema : orNull;
  return {
    column,
    schema: more ? { ...base, ...more } : base,
    write: (stored) => (stored === null ? null : write(stored as T)),
  };
}

export const field = {
  /** Ids are strings, whatever the column; `write` turns a secret into the id shown instead. */
  id: (column: ColumnOf<string | number>, write: (stored: string) => string = String) =>
    of(column, { schema: s.id, write: (stored) => write(String(stored)) }),
  text: (column: ColumnOf<string>, more?: s.Schema) => of(column, { schema: s.str, orNull: s.nstr, more }),
  /** A text column with an enum: the schema lists its values. */
  oneOf: (column: ColumnOf<string>) => {
    const values = column.enumValues;
    if (!values?.length) throw new Error(`${column.name} has no enum values`);
    return of(column, { schema: s.oneOf(values), orNull: s.nOneOf(values) });
  },
  int: (column: ColumnOf<number>, more?: s.Schema) => of(column, { schema: s.int, orNull: s.nint, more }),
  bool: (column: ColumnOf<boolean>, more?: s.Schema) => of(column, { schema: s.bool, more }),
  /** UTC ISO 8601. */
  time: (column: ColumnOf<Date>) => of(column, { schema: s.time, write: iso }),
  /** A date column, `YYYY-MM-DD` as stored. */
  day: (column: ColumnOf<string>) => of(column, { schema: s.day }),
  strings: (column: ColumnOf<string[]>) => of(column, { schema: s.strings }),
  localised: (column: ColumnOf<LocalisedText>) =>
    of(column, { schema: s.localised, write: ({ nb, en }) => ({ nb, en }) }),
  /** A JSON object column; a JSON null in a NOT NULL column is written as an empty object. */
  object: (column: ColumnOf<Record<string, unknown>>): ExportField => ({
    ...of(column, { schema: s.jsonObject }),
    write: (stored) => (stored ?? (column.notNull ? {} : null)) as ExportValue,
  }),
  /** A field added to the published format on `day` (YYYY-MM-DD): see ExportField.added. */
  added: (day: string, f: ExportField): ExportField => ({
    ...f,
    added: day,
    schema: { ...f.schema, description: `${f.schema.description ?? ""} Added ${day}: not in exports made before.`.trim() },
  }),
  /** A field with its own schema and conversion. */
  custom: <C extends PgColumn>(
    column: C,
    options: { schema: s.Schema; write: (stored: Stored<C>) => ExportValue },
  ): ExportField => ({ column, ...options }),
};

/** What a query selects for these fields, under the fields' names. */
export function selectionOf(fields: ExportFields): Record<string, PgColumn> {
  return Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.column]));
}

/** The record of a row selected with `selectionOf`, its keys in the fields' order. */
export function recordOf(fields: ExportFields, row: Record<string, unknown>): ExportRecord {
  return Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.write(row[name] ?? null)]));
}

export function schemaOf(fields: ExportFields): Record<string, s.Schema> {
  return Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.schema]));
}

/** The fields an export made before they were added does not have (not required by the schema). */
export function addedFieldsOf(fields: ExportFields): string[] {
  return Object.entries(fields)
    .filter(([, f]) => f.added !== undefined)
    .map(([name]) => name);
}
