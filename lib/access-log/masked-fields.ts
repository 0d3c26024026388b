/**
 * The details staff see masked until they reveal them, one logged step each. The customer's
 * access page names each (`access.field.<key>`); anything else is not a field to reveal.
 */
export const maskedFields = ["name", "email", "phone", "address", "birthDate"] as const;
export type MaskedField = (typeof maskedFields)[number];

/** Contact details and addresses: without a support code, revealing them needs a case reference and a second confirmation. */
export const contactFields: readonly MaskedField[] = ["email", "phone", "address"];

export function isMaskedField(value: unknown): value is MaskedField {
  return typeof value === "string" && (maskedFields as readonly string[]).includes(value);
}
