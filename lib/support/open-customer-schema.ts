import { z } from "zod";
import { fieldErrorKeys } from "@/lib/actions/form-data";
import { staffJustifications } from "@/lib/access-log/access-reasons";
import { maskedFields } from "@/lib/access-log/masked-fields";
import { AppError } from "@/lib/errors";
import { recordId } from "@/lib/validation/ids";
import { withoutInvisibleCharacters } from "@/lib/validation/text";
import { CASE_REFERENCE_MAX, REASON_MAX, SUPPORT_CODE_LENGTH } from "./open-customer-limits";

// What an agent sends to open a customer or reveal a field. Messages are keys under
// `staff.support.fieldErrors` (then `errors.fields`). Strict objects: no agent id, no
// field the form does not have; the customer id is only a target the use case checks.

// A ticked box posts "on"; a use case called with its own parsed output passes `true`.
const checkbox = z
  .union([z.literal("on"), z.boolean()], { error: "invalid" })
  .optional()
  .transform((value) => value === "on" || value === true);

const caseReference = withoutInvisibleCharacters(z.string({ error: "invalid" }))
  .trim()
  .max(CASE_REFERENCE_MAX, { error: "caseReferenceTooLong" })
  .nullish()
  .transform((value) => value || null);

export const openCustomerSchema = z
  .strictObject({
    customerId: recordId("customerNotFound"),
    justification: z.enum(staffJustifications, { error: "justificationRequired" }),
    caseReference,
    reason: withoutInvisibleCharacters(z.string({ error: "openReasonRequired" }), { multiLine: true })
      .trim()
      .min(1, { error: "openReasonRequired" })
      .max(REASON_MAX, { error: "openReasonTooLong" }),
    /** The agent confirmed a second time an open past the hourly browsing limit. */
    confirmedBeyondLimit: checkbox,
  })
  .refine((input) => input.justification !== "customer_request" || input.caseReference !== null, {
    path: ["caseReference"],
    error: "caseReferenceRequired",
  });
export type OpenCustomerInput = z.input<typeof openCustomerSchema>;

export const openWithSupportCodeSchema = z.strictObject({
  customerId: recordId("customerNotFound"),
  // Any malformed code gets the same answer as a wrong one (see openCustomerWithSupportCode).
  code: z
    .string({ error: "supportCodeRequired" })
    .trim()
    .min(1, { error: "supportCodeRequired" })
    .max(20, { error: "wrongSupportCode" })
    .transform((value) => value.replace(/\s+/g, "")),
  confirmedBeyondLimit: checkbox,
});
export type OpenWithSupportCodeInput = z.input<typeof openWithSupportCodeSchema>;

export const revealFieldSchema = z.strictObject({
  customerId: recordId("customerNotFound"),
  field: z.enum(maskedFields, { error: "unknownField" }),
  /** Only when the open had none and the field is a contact detail or an address. */
  caseReference,
  /** "I need this to help the customer now": the second step for contact details without a support code. */
  confirmed: checkbox,
});
export type RevealFieldInput = z.input<typeof revealFieldSchema>;

export { SUPPORT_CODE_LENGTH };

/** Parses a use case's input as its action would; a refusal is `invalid` with the field keys. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorKeys(parsed.error);
    if (fieldErrors.customerId) throw new AppError("not_found");
    if (fieldErrors.field === "unknownField") throw new AppError("invalid", { messageKey: "unknownField" });
    throw new AppError("invalid", { fieldErrors });
  }
  return parsed.data;
}
