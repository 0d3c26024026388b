import "server-only";
import { and, inArray } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import {
  communicationChannels,
  communicationPreferences,
  purposes,
  type CommunicationChannel,
  type Purpose,
} from "@/db/schema";
import { customerScope, type CustomerScope } from "@/lib/auth/customer-scope";
import { effectiveConsents, type EffectiveConsent } from "@/lib/consent/effective-consent";

/** Why a channel the purpose uses may not be used for this customer right now. */
export type ContactBlock =
  /** consent purposes: never given or withdrawn */
  | "not_agreed"
  | "expired"
  /** legitimate-interest purposes: the customer objected */
  | "objected"
  /** the customer restricted processing of their data (Art. 18) */
  | "restricted"
  /** the channel is new in a version the customer has not agreed to yet */
  | "needs_reconsent"
  /** the customer switched this channel off for this topic */
  | "preference";

export type ContactDecision = { allowed: true; blockedBy: null } | { allowed: false; blockedBy: ContactBlock };

/**
 * A topic on the preferences page: a purpose that sends messages and that the customer
 * may refuse. Contract and legal-obligation messages (receipts) are always sent.
 */
export function isTopic(purpose: Pick<Purpose, "legalBasis" | "channels">): boolean {
  return (
    purpose.channels.length > 0 && (purpose.legalBasis === "consent" || purpose.legalBasis === "legitimate_interest")
  );
}

export function isChannel(value: unknown): value is CommunicationChannel {
  return typeof value === "string" && (communicationChannels as readonly string[]).includes(value);
}

/**
 * The rule for one channel the purpose offers: the consent decides first (a channel
 * preference never widens it), then the version agreed to, then the customer's own
 * channel choice.
 */
export function decideContact(input: {
  consent: EffectiveConsent;
  /** Channels of the version the customer agreed to, when older than the published one. */
  agreedChannels: readonly string[] | null;
  channel: CommunicationChannel;
  /** The customer's channel choice for this topic; undefined = no row = allowed. */
  preference: boolean | undefined;
}): ContactDecision {
  const { consent } = input;
  if (!consent.allowed) {
    const blockedBy =
      consent.status === "objected" || consent.status === "expired" || consent.status === "restricted"
        ? consent.status
        : "not_agreed";
    return { allowed: false, blockedBy };
  }
  if (consent.needsReconsent && input.agreedChannels && !input.agreedChannels.includes(input.channel)) {
    return { allowed: false, blockedBy: "needs_reconsent" };
  }
  if (input.preference === false) return { allowed: false, blockedBy: "preference" };
  return { allowed: true, blockedBy: null };
}

/** A reason a channel is off that the customer's own channel choice cannot lift. */
export type ContactHold = Exclude<ContactBlock, "preference">;

/** The one step that lifts a hold; the customer's channel choice then decides. */
export type TurnOn =
  /** give consent (never given, withdrawn, or run out) */
  | { action: "grant" }
  /** agree to the published version, which adds the channel */
  | { action: "agree_to_version"; version: number }
  | { action: "withdraw_objection" }
  | { action: "lift_restriction" };

/** What the customer actually gets by one channel about one topic, and why. */
export type ContactOutcome = ContactDecision & {
  /** The customer's own channel choice (no row = allowed), kept whatever else applies. */
  chosen: boolean;
  /** Off for a reason other than the channel choice: the box is not theirs to tick until this is lifted. */
  heldBy: ContactHold | null;
  turnOn: TurnOn | null;
};

const turnOnFor: Record<ContactHold, (consent: EffectiveConsent) => TurnOn> = {
  not_agreed: () => ({ action: "grant" }),
  expired: () => ({ action: "grant" }),
  needs_reconsent: (consent) => ({ action: "agree_to_version", version: consent.currentVersion }),
  objected: () => ({ action: "withdraw_objection" }),
  restricted: () => ({ action: "lift_restriction" }),
};

/**
 * The rule (`decideContact`) told for a person: whether they get it, their own choice, and
 * what else holds it off, with the one step that would lift that.
 */
export function contactOutcome(input: Parameters<typeof decideContact>[0]): ContactOutcome {
  const decision = decideContact(input);
  // The same rule without the channel choice says whether anything else stops the channel.
  const held = decideContact({ ...input, preference: undefined });
  const heldBy = held.allowed ? null : (held.blockedBy as ContactHold);
  return {
    ...decision,
    chosen: input.preference !== false,
    heldBy,
    turnOn: heldBy ? turnOnFor[heldBy](input.consent) : null,
  };
}

export type ContactCell = { channel: CommunicationChannel; preference: boolean | undefined; outcome: ContactOutcome };
export type ContactRow = { purpose: Purpose; consent: EffectiveConsent; topic: boolean; cells: ContactCell[] };

/**
 * Every published purpose that sends messages, with the decision for each channel it
 * offers. Consent comes from `effectiveConsents` (the one consent rule); preference rows
 * only count for topics, so a receipt is never silenced by a stray row.
 */
export async function loadContactRows(
  db: Executor,
  scope: CustomerScope,
  options: { purposeKeys?: string[]; now?: Date } = {},
): Promise<ContactRow[]> {
  const consents = await effectiveConsents(db, scope, options);
  const keys = consents.map((c) => c.purposeKey);
  if (keys.length === 0) return [];
  const [versions, preferences] = await Promise.all([
    db.select().from(purposes).where(inArray(purposes.key, keys)),
    db
      .select({
        channel: communicationPreferences.channel,
        topic: communicationPreferences.topic,
        allowed: communicationPreferences.allowed,
      })
      .from(communicationPreferences)
      .where(and(customerScope(communicationPreferences, scope), inArray(communicationPreferences.topic, keys))),
  ]);
  const version = (key: string, v: number | null) => versions.find((p) => p.key === key && p.version === v);
  const chosen = new Map(preferences.map((p) => [`${p.channel}:${p.topic}`, p.allowed]));
  const rows: ContactRow[] = [];
  for (const consent of consents) {
    const purpose = version(consent.purposeKey, consent.currentVersion);
    if (!purpose || purpose.channels.length === 0) continue;
    const topic = isTopic(purpose);
    // Until the customer answers, use follows the narrower version they agreed to.
    const agreedChannels = consent.needsReconsent
      ? (version(purpose.key, consent.consentVersion)?.channels ?? [])
      : null;
    const cells = communicationChannels
      .filter((channel) => purpose.channels.includes(channel))
      .map((channel) => {
        const preference = topic ? chosen.get(`${channel}:${purpose.key}`) : undefined;
        return { channel, preference, outcome: contactOutcome({ consent, agreedChannels, channel, preference }) };
      });
    rows.push({ purpose, consent, topic, cells });
  }
  return rows;
}

/**
 * For senders: the channels each published purpose may use for this customer right now,
 * by purpose key. Purposes that send nothing, or may not, map to an empty list.
 */
export async function contactableChannels(
  db: Executor,
  scope: CustomerScope,
  options: { purposeKeys?: string[]; now?: Date } = {},
): Promise<Record<string, CommunicationChannel[]>> {
  const rows = await loadContactRows(db, scope, options);
  return Object.fromEntries(
    rows.map((row) => [row.purpose.key, row.cells.filter((c) => c.outcome.allowed).map((c) => c.channel)]),
  );
}

/**
 * THE rule for "may we contact this customer about this purpose by this channel": the
 * purpose's effective consent allows use, the purpose offers the channel (in the version
 * agreed to), and the customer has not switched the channel off for it. Unknown purposes
 * and channels are never contactable.
 */
export async function mayContact(
  scope: CustomerScope,
  purposeKey: string,
  channel: string,
  options: { db?: Executor; now?: Date } = {},
): Promise<boolean> {
  if (!isChannel(channel)) return false;
  const db = options.db ?? (await getDb());
  const channels = await contactableChannels(db, scope, { purposeKeys: [purposeKey], now: options.now });
  return channels[purposeKey]?.includes(channel) ?? false;
}
