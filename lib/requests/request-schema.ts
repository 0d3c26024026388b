import { z } from "zod";
import { fieldErrorKeys } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/types";
import { AppError } from "@/lib/errors";
import { categoryKeys } from "@/lib/data-inventory/categories";
import { recordId } from "@/lib/validation/ids";
import { withoutInvisibleCharacters } from "@/lib/validation/text";

// What customers and agents may send about data-subject requests. Messages are i18n keys
// under `requests.fieldErrors`. Strict objects: a forged field (customerId) is refused.

/** Art. 18(1)(a)–(d): the grounds on which a customer may have processing restricted. */
export const restrictionGrounds = ["accuracy_contested", "unlawful_keep", "legal_claims", "objection_pending"] as const;
export type RestrictionGround = (typeof restrictionGrounds)[number];

export const maxReasonLength = 1000;
export const maxDescriptionLength = 2000;

// Control characters (incl. bidi overrides) are refused: a reason is shown back to the
// customer and to staff, and must not disguise itself. Reasons and descriptions are
// multi-line (textareas): line breaks stay, every other invisible character is refused.
const unsafeCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function freeText(options: { max: number; tooLong: string; required?: string; min?: number }) {
  const base = withoutInvisibleCharacters(
    z.string().refine((v) => !unsafeCharacters.test(v), { error: "unsafeText" }),
    { multiLine: true },
  )
    .trim()
    .max(options.max, { error: options.tooLong });
  return options.required ? base.min(options.min ?? 1, { error: options.required }) : base;
}

/** An optional reason: empty means none. */
export const optionalReason = freeText({ max: maxReasonLength, tooLong: "reasonTooLong" })
  .nullish()
  .transform((v) => (v ? v : null));

export const requestIdSchema = z.uuid();

export const restrictionSchema = z.strictObject({
  ground: z.enum(restrictionGrounds, { error: "groundRequired" }),
  reason: optionalReason,
});
export type RestrictionInput = z.input<typeof restrictionSchema>;

export const objectionSchema = z.strictObject({
  purposeKeys: z
    .array(
      z
        .string()
        .max(64)
        .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: "unknownPurpose" }),
    )
    .max(50)
    .default([])
    .transform((keys) => [...new Set(keys)]),
  reason: optionalReason,
  /** The objection customer service filed for the customer, which this answer confirms. */
  confirms: z.string().max(64).optional(),
});
export type ObjectionInput = z.input<typeof objectionSchema>;

export const rectificationSchema = z.strictObject({
  category: z.enum(categoryKeys, { error: "categoryRequired" }),
  description: freeText({ max: maxDescriptionLength, tooLong: "descriptionTooLong", required: "descriptionRequired" }),
});
export type RectificationInput = z.input<typeof rectificationSchema>;

export const liftRestrictionSchema = z.strictObject({ requestId: recordId() });

export const extendDeadlineSchema = z.strictObject({
  requestId: recordId(),
  months: z.union([z.literal(1), z.literal(2)], { error: "extensionTooLong" }),
  reason: freeText({ max: maxReasonLength, tooLong: "reasonTooLong", required: "extensionReasonRequired", min: 10 }),
});
export type ExtendDeadlineInput = z.input<typeof extendDeadlineSchema>;

export const resolveRequestSchema = z.strictObject({
  requestId: recordId(),
  outcome: z.enum(["completed", "rejected"]),
  note: optionalReason,
});
export type ResolveRequestInput = z.input<typeof resolveRequestSchema>;

/** Parses input in the data layer; refusals carry message keys per field. */
export function parseRequestInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError("invalid", { fieldErrors: fieldErrorKeys(parsed.error) });
}

/** The state of a request form: on success, the id of the request filed; refused, what was sent. */
export type RequestFormState = (ActionResult<{ requestId: string }> & { values?: Record<string, string> }) | null;
export type LiftRestrictionState = ActionResult<{ lifted: true }> | null;
