import "server-only";
import { getDb, type Executor } from "@/db";
import { communicationChannels, type CommunicationChannel, type LegalBasis } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { CustomerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { loadContactRows, type ContactBlock, type ContactHold, type TurnOn } from "./may-contact";

export type PreferenceCellDto = {
  channel: CommunicationChannel;
  /** The customer's own channel choice: no row = allowed. Kept, and shown, whatever else applies. */
  chosen: boolean;
  /** What actually happens: may we contact them about this topic by this channel. */
  contactable: boolean;
  blockedBy: ContactBlock | null;
  /** Off for a reason the channel choice cannot lift (consent, version agreed to, restriction). */
  heldBy: ContactHold | null;
  /** The one step that would lift `heldBy`. */
  turnOn: TurnOn | null;
};

export type PreferenceTopicDto = {
  key: string;
  name: string;
  legalBasis: LegalBasis;
  /** Only the channels this topic uses, in the order of `communicationChannels`. */
  cells: PreferenceCellDto[];
};

export type AlwaysSentDto = {
  key: string;
  name: string;
  legalBasis: LegalBasis;
  channels: CommunicationChannel[];
  /** Why it cannot be refused, in the purpose's own words. */
  reason: string;
};

export type ChannelSummaryDto = {
  channel: CommunicationChannel;
  /** Topics that use the channel. */
  topics: number;
  /** Topics the customer has left the channel on for (their choice). */
  chosen: number;
  /** Topics we may actually contact them about by this channel. */
  contactable: number;
  /** Topics the customer allows the channel for that are off for another reason. */
  held: number;
};

export type CommunicationPreferencesDto = {
  topics: PreferenceTopicDto[];
  /** Channels used by at least one topic. */
  channels: ChannelSummaryDto[];
  alwaysSent: AlwaysSentDto[];
};

/**
 * The signed-in customer's channel × topic choices, with what each means right now: the one
 * answer to "what will I get", read by the account home and the preferences page alike.
 */
export async function getCommunicationPreferences(
  actor: Actor | null,
  locale: Locale,
  now: Date = new Date(),
): Promise<CommunicationPreferencesDto> {
  const customer = assertCustomer(actor, "preferences.read.own");
  return readCommunicationPreferences(await getDb(), customer, locale, now);
}

/** One customer's preferences as above, for a caller that has checked who may see them (a logged staff access). */
export async function readCommunicationPreferences(
  db: Executor,
  scope: CustomerScope,
  locale: Locale,
  now: Date = new Date(),
): Promise<CommunicationPreferencesDto> {
  const rows = (await loadContactRows(db, scope, { now })).sort(
    (a, b) => a.purpose.sortOrder - b.purpose.sortOrder || a.purpose.key.localeCompare(b.purpose.key),
  );
  const text = (row: (typeof rows)[number]) => row.purpose.texts[locale] ?? row.purpose.texts.en;
  const topics: PreferenceTopicDto[] = rows
    .filter((row) => row.topic)
    .map((row) => ({
      key: row.purpose.key,
      name: text(row).name,
      legalBasis: row.purpose.legalBasis,
      cells: row.cells.map((cell) => ({
        channel: cell.channel,
        chosen: cell.preference !== false,
        contactable: cell.outcome.allowed,
        blockedBy: cell.outcome.blockedBy,
        heldBy: cell.outcome.heldBy,
        turnOn: cell.outcome.turnOn,
      })),
    }));
  const channels = communicationChannels
    .map((channel) => {
      const cells = topics.flatMap((t) => t.cells.filter((c) => c.channel === channel));
      return {
        channel,
        topics: cells.length,
        chosen: cells.filter((c) => c.chosen).length,
        contactable: cells.filter((c) => c.contactable).length,
        held: cells.filter((c) => c.chosen && c.heldBy !== null).length,
      };
    })
    .filter((summary) => summary.topics > 0);
  const alwaysSent: AlwaysSentDto[] = rows
    .filter((row) => !row.topic)
    .map((row) => ({
      key: row.purpose.key,
      name: text(row).name,
      legalBasis: row.purpose.legalBasis,
      channels: row.cells.map((c) => c.channel),
      reason: text(row).consequence,
    }));
  return { topics, channels, alwaysSent };
}
