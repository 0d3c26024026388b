// The JSON Schema (draft 2020-12) pieces that export-v1.json is built from, shared by the
// catalogue's fields (sources.ts) and the rest of the schema (export-schema.ts).

export type Schema = Record<string, unknown>;

export const str: Schema = { type: "string" };
export const nstr: Schema = { type: ["string", "null"] };
export const int: Schema = { type: "integer" };
export const nint: Schema = { type: ["integer", "null"] };
export const bool: Schema = { type: "boolean" };
export const time: Schema = { type: "string", format: "date-time", pattern: "Z$" };
export const day: Schema = { type: "string", format: "date" };
export const id: Schema = { type: "string", minLength: 1 };
export const strings: Schema = { type: "array", items: str };
export const jsonObject: Schema = { type: "object" };
export const oneOf = (values: readonly string[]): Schema => ({ type: "string", enum: [...values] });
export const nOneOf = (values: readonly string[]): Schema => ({ enum: [...values, null] });
export const orNull = (schema: Schema): Schema => ({ anyOf: [schema, { type: "null" }] });
export const ntime: Schema = orNull(time);
export const localised: Schema = {
  type: "object",
  properties: { nb: str, en: str },
  required: ["nb", "en"],
  additionalProperties: false,
};

/** A closed object: every listed property required (but those named `optional`), no others. */
export function record(properties: Record<string, Schema>, description?: string, optional: string[] = []): Schema {
  return {
    type: "object",
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    additionalProperties: false,
  };
}
