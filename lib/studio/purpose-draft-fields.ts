import type { Recipient } from "@/db/schema/purposes";

// The purpose form's text fields, shared by the form (a client component: no zod here) and its schema.
export const draftLanguages = ["nb", "en"] as const;
export type DraftLanguage = (typeof draftLanguages)[number];
export const draftTextFields = ["name", "description", "benefit", "consequence", "retention", "changeSummary"] as const;
export type DraftTextField = (typeof draftTextFields)[number];

/** "nbName", "enChangeSummary": one flat form field per language and text. */
export function textFieldName<L extends DraftLanguage, F extends DraftTextField>(language: L, field: F) {
  return `${language}${field[0]!.toUpperCase()}${field.slice(1)}` as `${L}${Capitalize<F>}`;
}

/** The recipients as the form's text area shows them. */
export function recipientsText(recipients: Recipient[]): string {
  return recipients.map((r) => [r.name, r.country, r.role, (r.carries ?? []).join(" ")].join("; ")).join("\n");
}
