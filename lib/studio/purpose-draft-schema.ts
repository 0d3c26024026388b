import { z } from "zod";
import {
  benefitMetrics,
  communicationChannels,
  legalBases,
  type CommunicationChannel,
  type PurposeDraftContent,
  type Recipient,
} from "@/db/schema";
import type { ActionResult } from "@/lib/actions/types";
import { categoryKeys } from "@/lib/data-inventory/categories";
import { withoutInvisibleCharacters } from "@/lib/validation/text";
import {
  draftLanguages,
  draftTextFields,
  textFieldName,
  type DraftLanguage,
  type DraftTextField,
} from "./purpose-draft-fields";

// The studio's purpose form, field by field as the browser posts it. Texts are stored as
// typed (HTML included: every page renders them as text); a draft may leave texts and the
// retention empty, which publishing refuses (lib/purposes/publish-purpose-draft.ts).

export const purposeKeyPattern = /^[a-z0-9][a-z0-9_-]*$/;
export const purposeKey = z
  .string({ error: "required" })
  .min(1, { error: "required" })
  .max(64, { error: "tooLong" })
  .regex(purposeKeyPattern, { error: "keyFormat" });

const NAME_MAX = 120;
const TEXT_MAX = 2000;

const draftText = (field: (typeof draftTextFields)[number]) =>
  withoutInvisibleCharacters(z.string(), { multiLine: field !== "name" })
    .trim()
    .max(field === "name" ? NAME_MAX : TEXT_MAX, { error: "tooLong" })
    .default("");

type TextFieldName = `${DraftLanguage}${Capitalize<DraftTextField>}`;
const textShape = Object.fromEntries(
  draftLanguages.flatMap((language) =>
    draftTextFields.map((field) => [textFieldName(language, field), draftText(field)]),
  ),
) as { [K in TextFieldName]: ReturnType<typeof draftText> };

const DAYS_PER_UNIT: Record<string, number> = {
  d: 1,
  day: 1,
  days: 1,
  dag: 1,
  dager: 1,
  døgn: 1,
  w: 7,
  week: 7,
  weeks: 7,
  uke: 7,
  uker: 7,
  m: 30,
  month: 30,
  months: 30,
  måned: 30,
  måneder: 30,
  mnd: 30,
  y: 365,
  year: 365,
  years: 365,
  år: 365,
};

/** A retention as typed ("730", "90 days", "24 months", "2 år") in days; null when it is not a duration. */
export function parseRetention(value: string): number | null {
  const match = /^(\d{1,5})\s*([\p{L}]+)?$/u.exec(value.trim().toLowerCase());
  if (!match) return null;
  const amount = Number(match[1]);
  const perUnit = match[2] === undefined ? 1 : DAYS_PER_UNIT[match[2]];
  if (!perUnit || amount < 1) return null;
  const days = amount * perUnit;
  return days <= 36500 ? days : null;
}

const recipientRoles = ["processor", "controller"] as const;

/**
 * Recipients, one a line: "name; country; role; channels it carries", e.g.
 * "Postmark; US; processor; email". Country is an ISO 3166 alpha-2 code.
 */
export function parseRecipients(value: string): Recipient[] | null {
  const recipients: Recipient[] = [];
  for (const line of value.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const [name = "", country = "", role = "", carries = "", ...rest] = line.split(";").map((part) => part.trim());
    if (rest.length > 0 || name === "" || name.length > 120) return null;
    if (!/^[A-Za-z]{2}$/.test(country)) return null;
    if (!(recipientRoles as readonly string[]).includes(role)) return null;
    const channels = carries === "" ? [] : carries.split(/[\s,]+/).filter(Boolean);
    if (!channels.every((c): c is CommunicationChannel => (communicationChannels as readonly string[]).includes(c))) {
      return null;
    }
    recipients.push({
      name,
      country: country.toUpperCase(),
      role: role as Recipient["role"],
      ...(channels.length > 0 ? { carries: [...new Set(channels)] } : {}),
    });
  }
  return recipients.length <= 20 ? recipients : null;
}

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.literal(""), z.enum(values, { error: "invalidChoice" })])
    .default("")
    .transform((v) => (v === "" ? null : v));

export const savePurposeDraftSchema = z.strictObject({
  /** "new": a new purpose key; "edit": the draft of an existing one. */
  mode: z.enum(["new", "edit"]),
  key: purposeKey,
  /** The published version the form started from; empty for a new purpose. */
  basedOnVersion: z
    .union([z.literal(""), z.string().regex(/^\d{1,6}$/)])
    .transform((v) => (v === "" ? null : Number(v))),
  ...textShape,
  legalBasis: z.enum(legalBases, { error: "legalBasis" }),
  dataCategories: z
    .array(z.enum(categoryKeys, { error: "invalidChoice" }))
    .max(categoryKeys.length)
    .default([]),
  retention: withoutInvisibleCharacters(z.string())
    .trim()
    .max(40, { error: "retention" })
    .default("")
    .refine((v) => v === "" || parseRetention(v) !== null, { error: "retention" }),
  recipients: withoutInvisibleCharacters(z.string(), { multiLine: true })
    .max(4000, { error: "tooLong" })
    .default("")
    .refine((v) => parseRecipients(v) !== null, { error: "recipients" }),
  channels: z
    .array(z.enum(communicationChannels, { error: "invalidChoice" }))
    .max(4)
    .default([]),
  sharesWithThirdParties: z.literal("on").optional(),
  benefitMetric: optionalChoice(benefitMetrics),
});
export type SavePurposeDraftInput = z.output<typeof savePurposeDraftSchema>;

/** The stored draft of a parsed form. */
export function draftContentOf(input: SavePurposeDraftInput): PurposeDraftContent {
  const texts = { nb: {}, en: {} } as PurposeDraftContent["texts"];
  for (const language of draftLanguages) {
    for (const field of draftTextFields) {
      const value = input[textFieldName(language, field)];
      if (value !== "") texts[language][field] = value;
    }
  }
  return {
    texts,
    legalBasis: input.legalBasis,
    dataCategories: [...new Set(input.dataCategories)],
    retentionDays: input.retention === "" ? null : parseRetention(input.retention),
    recipients: parseRecipients(input.recipients) ?? [],
    channels: [...new Set(input.channels)],
    sharesWithThirdParties: input.sharesWithThirdParties === "on",
    benefitMetric: input.benefitMetric,
  };
}

export const publishPurposeDraftSchema = z.strictObject({
  key: purposeKey,
  basedOnVersion: z
    .union([z.literal(""), z.string().regex(/^\d{1,6}$/)])
    .transform((v) => (v === "" ? null : Number(v))),
  /** "yes": customers who agreed before are asked again; "no": their consents carry over. */
  material: z.enum(["yes", "no"], { error: "materialChoice" }),
});
export type PublishPurposeDraftInput = z.output<typeof publishPurposeDraftSchema>;

export const retirePurposeSchema = z.strictObject({
  key: purposeKey,
  version: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number),
});

export type StudioFormState = (ActionResult<{ message: string }> & { values?: Record<string, string> }) | null;
