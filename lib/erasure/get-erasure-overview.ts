import "server-only";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { databaseNow } from "@/db/time";
import {
  communicationPreferences,
  consentEvents,
  consentStates,
  dataSubjectRequests,
  disclosures,
  orders,
  sessions,
  signInEvents,
  customerAccessLog,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { getDataOverview } from "@/lib/data-inventory/get-data-overview";
import { env } from "@/lib/env";
import { erasureNoticeRecipients } from "@/lib/outbox/enqueue-webhook-event";
import type { Locale } from "@/lib/i18n/locales";
import { invoiceKeepUntil, mustKeepInvoice, osloToday, osloYear } from "@/lib/retention/invoice-retention";

export type ErasureExtraKey =
  "consents" | "consentEvents" | "preferences" | "sessions" | "signIns" | "requests" | "staffAccess" | "disclosures";

export type ErasureOverviewDto = {
  /** Every data category with its count for this customer. */
  categories: { key: string; count: number }[];
  /** Everything else about the customer that goes too. */
  other: { key: ErasureExtraKey; count: number }[];
  /** Invoices kept by law, one group per year of purchase. */
  keptInvoices: { year: number; orders: number; keepUntil: string }[];
  /** Orders whose retention period has ended: deleted with the rest. */
  ordersPastRetention: number;
  /** Who already received data (they must be asked directly). */
  recipients: { name: string; country: string }[];
  /** The systems that will be told of the erasure when it runs, so they can erase too. */
  notified: { name: string; country: string }[];
  scheduled: ScheduledErasure | null;
  graceDays: number;
  /** When the deletion would run if confirmed now. */
  wouldRunOn: Date;
};

export type ScheduledErasure = { requestId: string; scheduledFor: Date };

/** What an erasure of the signed-in customer would delete, keep (until when) and not reach. */
export async function getErasureOverview(actor: Actor | null, locale: Locale): Promise<ErasureOverviewDto> {
  const customer = assertCustomer(actor, "account.erase.own");
  const db = await getDb();
  const countOf = async (query: Promise<{ n: number }[]>) => Number((await query)[0]?.n ?? 0);
  const [categories, orderRows, recipientRows, notified, scheduled, now, ...counts] = await Promise.all([
    getDataOverview(customer, locale),
    db.select({ placedAt: orders.placedAt }).from(orders).where(customerScope(orders, customer)),
    db
      .selectDistinct({ name: disclosures.recipientName, country: disclosures.recipientCountry })
      .from(disclosures)
      .where(customerScope(disclosures, customer))
      .orderBy(asc(disclosures.recipientName)),
    erasureNoticeRecipients(db),
    getScheduledErasure(customer),
    databaseNow(db),
    countOf(db.select({ n: count() }).from(consentStates).where(customerScope(consentStates, customer))),
    countOf(db.select({ n: count() }).from(consentEvents).where(customerScope(consentEvents, customer))),
    countOf(
      db.select({ n: count() }).from(communicationPreferences).where(customerScope(communicationPreferences, customer)),
    ),
    countOf(db.select({ n: count() }).from(sessions).where(customerScope(sessions, customer))),
    countOf(db.select({ n: count() }).from(signInEvents).where(customerScope(signInEvents, customer))),
    countOf(db.select({ n: count() }).from(dataSubjectRequests).where(customerScope(dataSubjectRequests, customer))),
    countOf(db.select({ n: count() }).from(customerAccessLog).where(customerScope(customerAccessLog, customer))),
    countOf(db.select({ n: count() }).from(disclosures).where(customerScope(disclosures, customer))),
  ]);
  const extraKeys: ErasureExtraKey[] = [
    "consents",
    "consentEvents",
    "preferences",
    "sessions",
    "signIns",
    "requests",
    "staffAccess",
    "disclosures",
  ];
  const today = osloToday(now);
  const graceDays = env().TILLIT_ERASURE_GRACE_DAYS;
  const byYear = new Map<number, number>();
  let past = 0;
  for (const { placedAt } of orderRows) {
    if (!mustKeepInvoice(placedAt, today)) past++;
    else byYear.set(osloYear(placedAt), (byYear.get(osloYear(placedAt)) ?? 0) + 1);
  }
  return {
    categories: categories.map((c) => ({ key: c.key, count: c.count })),
    other: extraKeys.map((key, i) => ({ key, count: counts[i]! })),
    keptInvoices: [...byYear.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, n]) => ({ year, orders: n, keepUntil: invoiceKeepUntil(new Date(Date.UTC(year, 6, 1))) })),
    ordersPastRetention: past,
    recipients: recipientRows,
    notified,
    scheduled,
    graceDays,
    wouldRunOn: new Date(now.getTime() + graceDays * 24 * 60 * 60 * 1000),
  };
}

/** The customer's erasure waiting out its grace period, if any (for the banners). */
export async function getScheduledErasure(actor: Actor | null): Promise<ScheduledErasure | null> {
  const customer = assertCustomer(actor, "account.erase.own");
  const db = await getDb();
  const [row] = await db
    .select({ requestId: dataSubjectRequests.id, scheduledFor: dataSubjectRequests.scheduledFor })
    .from(dataSubjectRequests)
    .where(
      and(
        customerScope(dataSubjectRequests, customer),
        eq(dataSubjectRequests.kind, "erasure"),
        inArray(dataSubjectRequests.status, ["scheduled", "in_progress"]),
      ),
    )
    .limit(1);
  return row?.scheduledFor ? { requestId: row.requestId, scheduledFor: row.scheduledFor } : null;
}
