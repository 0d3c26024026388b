import { z } from "zod";
import type { ActionResult } from "@/lib/actions/types";
import { recordId } from "@/lib/validation/ids";
import { withoutInvisibleCharacters } from "@/lib/validation/text";
import { addressCountries, addressLabels } from "./address-options";

// Shared by the profile forms and their server actions. Messages are i18n keys under
// `profile.fieldErrors`. Strict objects: a forged field (customerId) is refused, not ignored.

export const maxAddresses = 5;

// Markup and control characters (incl. bidi overrides) are refused in every text field,
// so nothing stored can later be rendered as HTML or disguise itself.
const unsafeCharacters = /[<>\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const withoutMarkup = (value: string) => !unsafeCharacters.test(value);

/** A single-line text field: refuses markup first, then invisible characters, then trims, then checks length. */
function text(options: { required: string; tooLong: string; max: number; min?: number }) {
  return withoutInvisibleCharacters(z.string({ error: options.required }).refine(withoutMarkup, { error: "noMarkup" }))
    .trim()
    .min(options.min ?? 1, { error: options.required })
    .max(options.max, { error: options.tooLong });
}

const name = (required: string) =>
  text({ required, tooLong: "nameTooLong", max: 80 })
    .transform((value) => value.replace(/\s+/g, " "))
    .pipe(z.string().regex(/^\p{L}[\p{L}\p{M}' ’-]*$/u, { error: "nameInvalid" }));

/**
 * Phone numbers are stored in one canonical form: Norwegian numbers as "+47 912 34 567"
 * (8 digits alone count as Norwegian), others as "+" and 8–15 digits. Empty removes it.
 */
export function normalisePhone(value: string): string | null | undefined {
  const compact = value.replace(/ /g, "");
  if (compact === "") return null;
  const norwegian = /^\d{8}$/.test(compact) ? compact : /^\+47/.test(compact) ? compact.slice(3) : null;
  if (norwegian !== null) {
    if (!/^\d{8}$/.test(norwegian)) return undefined;
    return `+47 ${norwegian.slice(0, 3)} ${norwegian.slice(3, 5)} ${norwegian.slice(5)}`;
  }
  return /^\+[1-9]\d{7,14}$/.test(compact) ? compact : undefined;
}

const phone = withoutInvisibleCharacters(
  z.string({ error: "phoneInvalid" }).refine(withoutMarkup, { error: "noMarkup" }),
)
  .trim()
  .max(30, { error: "phoneInvalid" })
  .transform((value, ctx) => {
    const normalised = normalisePhone(value);
    if (normalised !== undefined) return normalised;
    ctx.issues.push({
      code: "custom",
      input: value,
      message: /^\+\s*4\s*7/.test(value) ? "phoneNorwegian" : "phoneInvalid",
    });
    return z.NEVER;
  });

export const updateProfileSchema = z.strictObject({
  givenName: name("givenNameRequired"),
  familyName: name("familyNameRequired"),
  phone,
});
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;

/** An address id as the browser may send it; whether it is the customer's own is the use case's business. */
const addressId = recordId();

export const saveAddressSchema = z
  .strictObject({
    /** Absent for a new address. */
    id: addressId.optional(),
    label: z.enum(addressLabels, { error: "labelInvalid" }),
    line1: text({ required: "addressRequired", tooLong: "lineTooLong", max: 100 }),
    line2: text({ required: "invalid", tooLong: "lineTooLong", max: 100, min: 0 })
      .optional()
      .transform((value) => value || null),
    postcode: text({ required: "postcodeRequired", tooLong: "postcodeInvalid", max: 10 })
      .transform((value) => value.toUpperCase())
      .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9 -]{1,9}$/, { error: "postcodeInvalid" })),
    city: text({ required: "cityRequired", tooLong: "cityTooLong", max: 60 }),
    country: z.enum(addressCountries, { error: "countryInvalid" }),
    /** A checkbox: "on" makes this the primary address. Absent leaves the primary as it is. */
    makePrimary: z
      .literal("on", { error: "invalid" })
      .optional()
      .transform((value) => value === "on"),
  })
  .superRefine((value, ctx) => {
    if (value.country === "NO" && typeof value.postcode === "string" && !/^\d{4}$/.test(value.postcode)) {
      ctx.addIssue({ code: "custom", path: ["postcode"], message: "postcodeNorway" });
    }
  });
export type SaveAddressInput = z.infer<typeof saveAddressSchema>;

export const addressIdSchema = z.strictObject({ id: addressId });
export type AddressIdInput = z.infer<typeof addressIdSchema>;

/** What a profile form gets back: on failure also the values sent, so the form keeps them. */
export type ProfileFormState = (ActionResult<{ message: string }> & { values?: Record<string, string> }) | null;
