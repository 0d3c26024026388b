import "server-only";
import { and, count, eq, min, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "@/db";
import { customers, interactionChannels, interactionEvents, users, type LegalBasis, type Recipient } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope, type CustomerScope, scopedCustomerId } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { evaluateConsent, readPurposesWithConsent, withTermsInForce } from "@/lib/consent/effective-consent";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import {
  categories,
  categoryKeys,
  deletionDate,
  type CategoryKey,
  type DataSource,
  type Retention,
} from "./categories";

export type CategoryPurposeDto = {
  key: string;
  name: string;
  legalBasis: LegalBasis;
  /** False for a consent-based purpose this customer has not consented to (or withdrew). */
  inUse: boolean;
};

export type CategoryOverviewDto = {
  key: CategoryKey;
  /** Rows held, or for identity and contact the number of details held. */
  count: number;
  oldestAt: Date | null;
  /**
   * When the oldest record is deleted (its own date: a device's runs from when it was last
   * used); null while it is kept for as long as the account exists.
   */
  deletesAt: Date | null;
  source: DataSource;
  retention: Retention;
  purposes: CategoryPurposeDto[];
  /** Who receives it through the purposes in use for this customer. */
  recipients: Recipient[];
  /** Interactions only: rows per channel. */
  byChannel?: { channel: (typeof interactionChannels)[number]; count: number }[];
};

/** `retentionFrom`: when the deletion clock of the part's oldest record started. */
type Summary = { category: string; part: string | null; n: number; oldest: Date | null; retentionFrom: Date | null };

/** Count and oldest record of every table-backed category, in one round trip of index-only scans. */
function summaryQuery(db: Executor, scope: CustomerScope) {
  const parts = categoryKeys
    .map((key) => categories[key])
    .filter((c) => c.counts === "rows" && c.key !== "interactions")
    .map((c) => {
      const r = c.records;
      const mine = customerScope({ customerId: r.customerId }, scope);
      const where: SQL | undefined = r.where ? and(mine, r.where) : mine;
      return db
        .select({
          category: sql<string>`${c.key}::text`,
          part: sql<string | null>`null::text`,
          n: count(),
          oldest: min(r.oldest),
          // The deletion clock of the oldest record, whose deletion the page names with it.
          retentionFrom: r.retentionFrom
            ? sql<Date | null>`(array_agg(${r.retentionFrom} order by ${r.oldest}, ${r.retentionFrom}))[1]`.mapWith(
                r.retentionFrom,
              )
            : min(r.oldest),
        })
        .from(r.table)
        .where(where);
    });
  // Interactions by channel, on the (customer_id, channel, occurred_at) index.
  const interactions = db
    .select({
      category: sql<string>`'interactions'::text`,
      part: sql<string | null>`${interactionEvents.channel}`,
      n: count(),
      oldest: min(interactionEvents.occurredAt),
      retentionFrom: min(interactionEvents.occurredAt),
    })
    .from(interactionEvents)
    .where(customerScope(interactionEvents, scope))
    .groupBy(interactionEvents.channel);
  const [first, ...rest] = parts;
  return unionAll(first!, interactions, ...rest);
}

/** The deletion clock of the category's oldest record, across its parts (the interactions' channels). */
function oldestRetentionFrom(rows: Summary[]): Date | null {
  let oldest: Summary | null = null;
  for (const row of rows) if (row.oldest && (!oldest?.oldest || row.oldest < oldest.oldest)) oldest = row;
  return oldest?.retentionFrom ?? null;
}

/**
 * Everything held about the signed-in customer, per category: how much, since when,
 * until when, from where, for which purposes on which legal basis, and shared with whom.
 */
export async function getDataOverview(actor: Actor | null, locale: Locale): Promise<CategoryOverviewDto[]> {
  const customer = assertCustomer(actor, "data.read.own");
  return readDataOverview(await getDb(), customer, locale);
}

/** The overview for one customer, for callers that have already checked who may see it (the export). */
export async function readDataOverview(
  db: Executor,
  scope: CustomerScope,
  locale: Locale,
): Promise<CategoryOverviewDto[]> {
  const [profileRows, summaries, purposeRows] = await Promise.all([
    db
      .select({ birthDate: customers.birthDate, phone: customers.phone, createdAt: customers.createdAt })
      .from(customers)
      .innerJoin(users, eq(users.id, customers.id))
      .where(eq(customers.id, scopedCustomerId(scope)))
      .limit(1),
    summaryQuery(db, scope) as Promise<Summary[]>,
    // The one consent reader (restriction included), so "in use" here agrees with the purposes page.
    readPurposesWithConsent(db, scope),
  ]);
  const profile = profileRows[0];
  if (!profile) throw new AppError("not_found");

  const byCategory = new Map<string, Summary[]>();
  for (const row of summaries) byCategory.set(row.category, [...(byCategory.get(row.category) ?? []), row]);

  // What each purpose may use of this customer's data: the terms they agreed to while a
  // material new version waits for their answer, not the new version's.
  const inForce = await withTermsInForce(
    db,
    purposeRows.map((row) => ({
      ...row,
      consent: evaluateConsent(row.purpose, row.state, { restrictedSince: row.restrictedSince }),
    })),
  );
  const usedBy = (key: CategoryKey) =>
    inForce
      .filter(({ terms }) => terms.dataCategories.includes(key))
      .map(({ purpose: p, terms, consent }) => ({
        key: p.key,
        name: (p.texts[locale] ?? p.texts.en).name,
        legalBasis: p.legalBasis,
        inUse: consent.allowed,
        recipients: terms.recipients,
      }));

  return categoryKeys.map((key) => {
    const definition = categories[key];
    const rows = byCategory.get(key) ?? [];
    const earliest = (pick: (r: Summary) => Date | null) =>
      rows
        .map(pick)
        .filter((d): d is Date => d !== null)
        .reduce<Date | null>((a, b) => (a === null || b < a ? b : a), null);
    const count =
      key === "identity"
        ? 3 + (profile.birthDate ? 1 : 0) // given name, family name, email (+ birth date)
        : key === "contact"
          ? 1 + (profile.phone ? 1 : 0) // email (+ phone)
          : rows.reduce((sum, r) => sum + Number(r.n), 0);
    const oldestAt = definition.counts === "details" ? profile.createdAt : earliest((r) => r.oldest);
    const purposesUsing = usedBy(key);
    const recipients = new Map<string, Recipient>();
    for (const p of purposesUsing.filter((p) => p.inUse)) {
      for (const r of p.recipients)
        if (!recipients.has(r.name)) recipients.set(r.name, { name: r.name, country: r.country, role: r.role });
    }
    return {
      key,
      count,
      oldestAt: count > 0 ? oldestAt : null,
      deletesAt: count > 0 ? deletionDate(definition.retention, oldestRetentionFrom(rows) ?? oldestAt) : null,
      source: definition.source,
      retention: definition.retention,
      purposes: purposesUsing.map(({ recipients: _, ...p }) => p),
      recipients: [...recipients.values()],
      ...(key === "interactions"
        ? {
            byChannel: interactionChannels
              .map((channel) => ({ channel, count: Number(rows.find((r) => r.part === channel)?.n ?? 0) }))
              .filter((c) => c.count > 0),
          }
        : {}),
    };
  });
}
