import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { JsonSchema, OpenApiDocument } from "./openapi";

const BASE = "https://tillit.invalid/components/schemas/";

function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === "$ref" && typeof inner === "string" && inner.startsWith("#/components/schemas/")
        ? BASE + inner.slice("#/components/schemas/".length)
        : absoluteRefs(inner),
    ]),
  );
}

/** A strict draft 2020-12 validator that knows the document's component schemas. */
export function schemaValidator(document: OpenApiDocument): (schema: JsonSchema) => ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  for (const [id, schema] of Object.entries(document.components.schemas)) {
    ajv.addSchema({ ...(absoluteRefs(schema) as JsonSchema), $id: BASE + id });
  }
  const compiled = new Map<JsonSchema, ValidateFunction>();
  return (schema) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(absoluteRefs(schema) as JsonSchema);
      compiled.set(schema, validate);
    }
    return validate;
  };
}

/** Follows a `#/components/schemas/…` reference. */
export function resolveSchema(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const resolved = document.components.schemas[ref.slice("#/components/schemas/".length)];
  if (!resolved) throw new Error(`Unresolved ${ref}`);
  return resolveSchema(document, resolved);
}
