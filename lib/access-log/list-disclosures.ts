import "server-only";
import { messageLookup } from "@/lib/i18n/translator";
import { WEBHOOK_RIGHTS_PURPOSE } from "@/lib/outbox/enqueue-webhook-event";
import { and, asc, count, desc, eq, inArray, max, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { disclosures, purposes, webhookMessages, type WebhookEventType } from "@/db/schema";
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
  /**
   * A message to another system through a webhook (its disclosure is written when it is
   * queued, in the change's transaction): which change it tells of, and whether it has been
   * delivered, is still being tried, or could not be; null for any other disclosure.
   */
  webhook: { eventType: WebhookEventType; status: "pending" | "delivered" | "failed"; deliveredAt: Date | null } | null;
};

// A webhook message's disclosure names it as "<event type> <message id>" (enqueue-webhook-event.ts).
const WEBHOOK_REFERENCE = /^([a-z]+\.[a-z]+) (msg_\S+)$/;

/**
 * The delivery of the webhook messages behind these references: one indexed read by the
 * customer's id. A message pruned after 30 days is gone: its disclosure then says nothing of it.
 */
async function webhookDeliveries(db: Executor, customerId: string, references: (string | null)[]) {
  const ids = references.flatMap((r) => WEBHOOK_REFERENCE.exec(r ?? "")?.[2] ?? []);
  if (ids.length === 0) return new Map<string, DisclosureDto["webhook"]>();
  const rows = await db
    .select({
      messageId: webhookMessages.messageId,
      eventType: webhookMessages.eventType,
      status: webhookMessages.status,
      deliveredAt: webhookMessages.deliveredAt,
    })
    .from(webhookMessages)
    .where(and(eq(webhookMessages.customerId, customerId), inArray(webhookMessages.messageId, ids)));
  return new Map(rows.map(({ messageId, ...delivery }) => [messageId, delivery]));
}

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
  const deliveries = await webhookDeliveries(
    db,
    customer.customerId,
    rows.map((r) => r.reference),
  );
  const items = rows.map((row) => ({
    ...row,
    purposeName: names.get(row.purposeKey) ?? null,
    webhook: deliveries.get(WEBHOOK_REFERENCE.exec(row.reference ?? "")?.[2] ?? "") ?? null,
  }));
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
 * A webhook message not delivered (yet) is not counted: nothing was received.
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
    .where(
      and(
        customerScope(disclosures, customer),
        sql`not exists (
          select 1 from ${webhookMessages}
          where ${webhookMessages.customerId} = ${disclosures.customerId}
            and ${webhookMessages.messageId} = split_part(${disclosures.reference}, ' ', 2)
            and ${webhookMessages.status} <> 'delivered')`,
      ),
    )
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
