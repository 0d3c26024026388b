import "server-only";
import { messageLookup } from "@/lib/i18n/translator";
import { WEBHOOK_RIGHTS_PURPOSE } from "@/lib/outbox/enqueue-webhook-event";
import { and, asc, count, desc, inArray, max, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { disclosures, purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { ACCESS_PAGE_SIZE, clampPage, type Paged } from "./paged";

export type DisclosureDto = {
  id: number;
  disclosedAt: Date;
  recipientName: string;
  /** ISO 3166-1 alpha-2. */
  recipientCountry: string;
  purposeKey: string;
  /** The purpose's name in the customer's language; null if no version of it was ever published. */
  purposeName: string | null;
  dataCategories: string[];
  /** What the disclosure was for, e.g. an order number. */
  reference: string | null;
};

/** Every time the signed-in customer's data was given to someone outside the company, newest first. */
export async function listDisclosures(
  actor: Actor | null,
  options: { locale: Locale; page?: number; pageSize?: number },
): Promise<Paged<DisclosureDto>> {
  const customer = assertCustomer(actor, "access.read.own");
  const pageSize = options.pageSize ?? ACCESS_PAGE_SIZE;
  const db = await getDb();
  const mine = customerScope(disclosures, customer);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(disclosures).where(mine);
  const { page, pageCount, offset } = clampPage(options.page ?? 1, total, pageSize);
  const rows = await db
    .select({
      id: disclosures.id,
      disclosedAt: disclosures.disclosedAt,
      recipientName: disclosures.recipientName,
      recipientCountry: disclosures.recipientCountry,
      purposeKey: disclosures.purposeKey,
      dataCategories: disclosures.dataCategories,
      reference: disclosures.reference,
    })
    .from(disclosures)
    .where(mine)
    .orderBy(desc(disclosures.disclosedAt), desc(disclosures.id))
    .limit(pageSize)
    .offset(offset);
  const names = await purposeNames(db, [...new Set(rows.map((r) => r.purposeKey))], options.locale);
  const items = rows.map((row) => ({ ...row, purposeName: names.get(row.purposeKey) ?? null }));
  return { items, page, pageCount, total };
}

export type DisclosureRecipientDto = {
  recipientName: string;
  /** ISO 3166-1 alpha-2. */
  recipientCountry: string;
  times: number;
  lastAt: Date;
  /** The purposes it received data for, by name in the customer's language (unnamed ones left out). */
  purposeNames: string[];
};

/**
 * Everyone outside the company who has received the signed-in customer's data, each once,
 * with how often: the whole answer to "who has my data" on one screen, however long the list.
 */
export async function listDisclosureRecipients(
  actor: Actor | null,
  options: { locale: Locale },
): Promise<DisclosureRecipientDto[]> {
  const customer = assertCustomer(actor, "access.read.own");
  const db = await getDb();
  const rows = await db
    .select({
      recipientName: disclosures.recipientName,
      recipientCountry: disclosures.recipientCountry,
      times: count(),
      lastAt: max(disclosures.disclosedAt),
      purposeKeys: sql<string[]>`array_agg(distinct ${disclosures.purposeKey} order by ${disclosures.purposeKey})`,
    })
    .from(disclosures)
    .where(customerScope(disclosures, customer))
    .groupBy(disclosures.recipientName, disclosures.recipientCountry)
    .orderBy(desc(max(disclosures.disclosedAt)), asc(disclosures.recipientName));
  const names = await purposeNames(db, [...new Set(rows.flatMap((r) => r.purposeKeys))], options.locale);
  return rows.map(({ purposeKeys, lastAt, ...row }) => ({
    ...row,
    lastAt: lastAt!,
    purposeNames: purposeKeys.flatMap((key) => names.get(key) ?? []),
  }));
}

/** The published version's name per key; for a purpose since retired, its last version's. */
async function purposeNames(db: Executor, keys: string[], locale: Locale): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ key: purposes.key, status: purposes.status, version: purposes.version, texts: purposes.texts })
    .from(purposes)
    .where(and(inArray(purposes.key, keys), inArray(purposes.status, ["published", "retired"])));
  const rank = (r: (typeof rows)[number]) => (r.status === "published" ? 1_000_000_000 : 0) + r.version;
  const best = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const current = best.get(row.key);
    if (!current || rank(row) > rank(current)) best.set(row.key, row);
  }
  const names = new Map([...best].map(([key, row]) => [key, (row.texts[locale] ?? row.texts.en).name]));
  // Not a purpose of the catalogue: telling the company's other systems about a request (Art. 19).
  if (keys.includes(WEBHOOK_RIGHTS_PURPOSE)) names.set(WEBHOOK_RIGHTS_PURPOSE, messageLookup(locale)("access.rightsPurpose")!);
  return names;
}
