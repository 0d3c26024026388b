import { z } from "zod";

// Next adds its own fields to progressively enhanced action posts.
const isFrameworkField = (name: string) => name.startsWith("$ACTION");

/**
 * Reads FormData field by field into the shape a zod object schema expects: array
 * fields through getAll, every other field once. Fields the schema does not name
 * are passed through so that a strict schema refuses them (a forged customerId).
 */
export function parseFormData<S extends z.ZodObject>(schema: S, formData: FormData) {
  const shape = schema.shape as Record<string, z.ZodType>;
  const input: Record<string, unknown> = {};
  for (const name of new Set(formData.keys())) {
    if (isFrameworkField(name)) continue;
    const values = formData.getAll(name);
    const field = Object.hasOwn(shape, name) ? shape[name] : undefined;
    // An own property even for "__proto__", so that a strict schema sees (and refuses) it
    // instead of the field silently replacing the object's prototype.
    Object.defineProperty(input, name, {
      value: isArrayField(field) ? values : values.length === 1 ? values[0] : values,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return schema.safeParse(input);
}

/** The text values of a post (each cut at 500 characters), so that a refused form keeps what was typed. */
export function sentValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !isFrameworkField(name)) values[name] = value.slice(0, 500);
  }
  return values;
}

/** An array, also behind optional/default/nullable or as the input of a transform. */
function isArrayField(field: z.ZodType | undefined): boolean {
  for (let f: unknown = field; f;) {
    if (f instanceof z.ZodArray) return true;
    if (f instanceof z.ZodOptional || f instanceof z.ZodDefault || f instanceof z.ZodNullable) f = f.unwrap();
    else if (f instanceof z.ZodPipe) f = f.in;
    else return false;
  }
  return false;
}

/** First issue per field, as message keys; unknown fields are reported under "form". */
export function fieldErrorKeys(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.code === "unrecognized_keys" ? "form" : String(issue.path[0] ?? "form");
    const key = /^[a-zA-Z]+$/.test(issue.message) ? issue.message : "invalid";
    out[field] ??= key;
  }
  return out;
}
