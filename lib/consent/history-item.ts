import type { ConsentAction, ConsentMethod, ConsentSourceChannel, PurposeText } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import type { UserAgentSummary } from "@/lib/sessions/describe-user-agent";
import type { ConsentHistoryEntry } from "./list-consent-history";

/** A consent event as the history page sends it to the browser: plain data, times as ISO strings. */
export type HistoryItem = {
  id: number;
  /** In the reader's language. */
  purposeName: string;
  purposeVersion: number;
  action: ConsentAction;
  occurredAt: string;
  channel: ConsentSourceChannel;
  method: ConsentMethod;
  device: UserAgentSummary;
  gpc: boolean;
  /** The language the text was shown in. */
  locale: Locale;
  /** Exactly what was shown, in `locale`. */
  shownText: PurposeText;
  expiresAt: string | null;
};

export function toHistoryItem(entry: ConsentHistoryEntry): HistoryItem {
  const { purposeKey: _, occurredAt, expiresAt, ...rest } = entry;
  return { ...rest, occurredAt: occurredAt.toISOString(), expiresAt: expiresAt?.toISOString() ?? null };
}
