import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import {
  consentEvents,
  purposes,
  type ConsentAction,
  type ConsentMethod,
  type ConsentSourceChannel,
  type PurposeText,
  type PurposeTexts,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { keyset, type ListQuery, type Page } from "@/lib/pagination/keyset";
import type { Locale } from "@/lib/i18n/locales";
import { describeUserAgent, type UserAgentSummary } from "@/lib/sessions/describe-user-agent";

export const HISTORY_PAGE_SIZE = 50;

export type ConsentHistoryEntry = {
  id: number;
  purposeKey: string;
  /** The purpose's name in the reader's language (the version's own, else its newest). */
  purposeName: string;
  purposeVersion: number;
  action: ConsentAction;
  occurredAt: Date;
  channel: ConsentSourceChannel;
  method: ConsentMethod;
  device: UserAgentSummary;
  gpc: boolean;
  /** The language the text was shown in. */
  locale: Locale;
  /** Exactly what the customer was shown when the event was recorded. */
  shownText: PurposeText;
  expiresAt: Date | null;
};

export type PurposeOption = { key: string; name: string };

export type ConsentHistoryPage = Page<ConsentHistoryEntry> & {
  /** Every purpose key, named by its newest version, for the filter. */
  purposes: PurposeOption[];
  /** The filter applied, or null (none asked for, or an unknown key). */
  purposeKey: string | null;
  unknownPurpose: boolean;
};

/** The newest version of each purpose, for the filter (purposes are few: one small read). */
async function purposeOptions(locale: Locale): Promise<PurposeOption[]> {
  const db = await getDb();
  const rows = await db
    .select({ key: purposes.key, version: purposes.version, texts: purposes.texts, sortOrder: purposes.sortOrder })
    .from(purposes);
  const newest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const seen = newest.get(row.key);
    if (!seen || seen.version < row.version) newest.set(row.key, row);
  }
  return [...newest.values()]
    .sort((a, b) => a.sortOrder - b.sortOrder || a.key.localeCompare(b.key))
    .map((row) => ({ key: row.key, name: (row.texts[locale] ?? row.texts.en).name }));
}

/**
 * Every consent event of the signed-in customer, newest first, 50 a page, optionally for
 * one purpose. Keyset paging over (occurred_at, id) on the (customer_id, occurred_at)
 * index: a page deep in a long history costs what the first costs.
 */
export async function listConsentHistory(
  actor: Actor | null,
  options: { query: ListQuery; purposeKey: string | null; locale: Locale },
): Promise<ConsentHistoryPage> {
  const customer = assertCustomer(actor, "consent.read.own");
  const db = await getDb();
  const choices = await purposeOptions(options.locale);
  const known = options.purposeKey !== null && choices.some((p) => p.key === options.purposeKey);
  const purposeKey = known ? options.purposeKey : null;
  const k = keyset({
    time: consentEvents.occurredAt,
    id: consentEvents.id,
    idKind: "number",
    query: options.query,
    pageSize: HISTORY_PAGE_SIZE,
  });
  const rows = await db
    .select({
      id: consentEvents.id,
      purposeKey: consentEvents.purposeKey,
      purposeVersion: consentEvents.purposeVersion,
      action: consentEvents.action,
      occurredAt: consentEvents.occurredAt,
      channel: consentEvents.sourceChannel,
      method: consentEvents.method,
      userAgent: consentEvents.userAgent,
      gpc: consentEvents.gpc,
      locale: consentEvents.locale,
      shownText: consentEvents.shownText,
      expiresAt: consentEvents.expiresAt,
      versionTexts: purposes.texts,
      ...k.fields,
    })
    .from(consentEvents)
    .leftJoin(
      purposes,
      and(eq(purposes.key, consentEvents.purposeKey), eq(purposes.version, consentEvents.purposeVersion)),
    )
    .where(
      and(
        customerScope(consentEvents, customer),
        purposeKey ? eq(consentEvents.purposeKey, purposeKey) : undefined,
        k.where,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.limit);
  // A page holds a handful of devices: parse each user agent once.
  const devices = new Map<string | null, UserAgentSummary>();
  const device = (userAgent: string | null) => {
    let summary = devices.get(userAgent);
    if (!summary) devices.set(userAgent, (summary = describeUserAgent(userAgent)));
    return summary;
  };
  // The title in the reader's language; what was shown at the time stays in shownText, in its own.
  const newestName = new Map(choices.map((p) => [p.key, p.name]));
  const purposeName = (key: string, texts: PurposeTexts | null, shown: PurposeText) =>
    (texts?.[options.locale] ?? texts?.en)?.name ?? newestName.get(key) ?? shown.name;
  return {
    ...k.page(rows, ({ cursorAt: _, cursorId: __, userAgent, versionTexts, ...row }) => ({
      ...row,
      purposeName: purposeName(row.purposeKey, versionTexts, row.shownText),
      device: device(userAgent),
    })),
    purposes: choices,
    purposeKey,
    unknownPurpose: options.purposeKey !== null && !known,
  };
}
