import "server-only";
import { and } from "drizzle-orm";
import { getDb } from "@/db";
import { messagesSent } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { keyset, type ListQuery, type Page } from "@/lib/pagination/keyset";
import { purposeTextsOf } from "@/lib/purposes/purpose-texts-of";

export type MessageDto = {
  id: string;
  sentAt: Date;
  channel: (typeof messagesSent.channel.enumValues)[number];
  subject: string;
  /** The purpose it was sent under, by name (see purposeTextsOf); its key if it never was published. */
  purpose: string;
};

/** The messages sent to the signed-in customer, newest first, 25 a page. */
export async function listMessages(
  actor: Actor | null,
  options: { query: ListQuery; locale: Locale },
): Promise<Page<MessageDto>> {
  const customer = assertCustomer(actor, "data.read.own");
  const db = await getDb();
  const k = keyset({ time: messagesSent.sentAt, id: messagesSent.id, idKind: "number", query: options.query });
  const rows = await db
    .select({
      id: messagesSent.id,
      sentAt: messagesSent.sentAt,
      channel: messagesSent.channel,
      subject: messagesSent.subject,
      purposeKey: messagesSent.purposeKey,
      texts: purposeTextsOf(messagesSent.purposeKey),
      ...k.fields,
    })
    .from(messagesSent)
    .where(and(customerScope(messagesSent, customer), k.where))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, (r) => ({
    id: String(r.id),
    sentAt: r.sentAt,
    channel: r.channel,
    subject: r.subject,
    purpose: r.texts ? (r.texts[options.locale] ?? r.texts.en).name : r.purposeKey,
  }));
}
