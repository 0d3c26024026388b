import type { Purpose, Recipient } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";

export const changedTextFields = ["name", "description", "benefit", "consequence", "retention"] as const;
export type ChangedTextField = (typeof changedTextFields)[number];

/** One difference between the version a customer agreed to and a later one, in the customer's language. */
export type PurposeChange =
  | { kind: "text"; field: ChangedTextField; before: string; after: string }
  | { kind: "list"; field: "dataCategories" | "channels"; added: string[]; removed: string[] }
  | { kind: "recipients"; added: Recipient[]; removed: Recipient[] }
  | { kind: "sharing"; before: boolean; after: boolean }
  | { kind: "lifetime"; before: number | null; after: number | null };

type Version = Pick<
  Purpose,
  "texts" | "dataCategories" | "channels" | "recipients" | "sharesWithThirdParties" | "consentLifetimeDays"
>;

const recipientKey = (r: Recipient) => `${r.name}\u0000${r.country}\u0000${r.role}`;

function listChange<T>(before: readonly T[], after: readonly T[], key: (item: T) => string = String) {
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  return { added: after.filter((item) => !had.has(key(item))), removed: before.filter((item) => !has.has(key(item))) };
}

/**
 * What a later version changes from the one agreed to: every text the customer reads, the
 * data used, the channels, the recipients, third-party sharing and how long consent lasts.
 * Computed from the two versions themselves, so it holds whatever the change summary says.
 */
export function diffPurposeVersions(before: Version, after: Version, locale: Locale): PurposeChange[] {
  const oldText = before.texts[locale] ?? before.texts.en;
  const newText = after.texts[locale] ?? after.texts.en;
  const changes: PurposeChange[] = [];
  const text = (field: ChangedTextField) => {
    if (oldText[field] !== newText[field]) {
      changes.push({ kind: "text", field, before: oldText[field], after: newText[field] });
    }
  };
  const list = (field: "dataCategories" | "channels") => {
    const change = listChange(before[field], after[field]);
    if (change.added.length + change.removed.length > 0) changes.push({ kind: "list", field, ...change });
  };
  text("name");
  text("description");
  text("benefit");
  list("dataCategories");
  list("channels");
  const recipients = listChange(before.recipients, after.recipients, recipientKey);
  if (recipients.added.length + recipients.removed.length > 0) changes.push({ kind: "recipients", ...recipients });
  if (before.sharesWithThirdParties !== after.sharesWithThirdParties) {
    changes.push({ kind: "sharing", before: before.sharesWithThirdParties, after: after.sharesWithThirdParties });
  }
  text("retention");
  if (before.consentLifetimeDays !== after.consentLifetimeDays) {
    changes.push({ kind: "lifetime", before: before.consentLifetimeDays, after: after.consentLifetimeDays });
  }
  text("consequence");
  return changes;
}
