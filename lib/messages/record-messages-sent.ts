import "server-only";
import type { Executor } from "@/db";
import { disclosures, messagesSent, type CommunicationChannel, type Recipient } from "@/db/schema";
import { scopedCustomerId, type CustomerScope } from "@/lib/auth/customer-scope";

export type SentMessage = {
  scope: CustomerScope;
  /** The purpose version the message is sent under; its recipients say who carries each channel. */
  purpose: { key: string; recipients: Recipient[] };
  channel: CommunicationChannel;
  subject: string;
  sentAt: Date;
  /** What the carrier receives with the message, e.g. ["identity", "contact"] for a greeting by name. */
  dataCategories: string[];
  /** What the message was about, shown beside the disclosure (an order number, the subject). */
  reference: string;
};

/** The recipients that deliver this purpose's messages on this channel (an email service, an SMS gateway). */
export function carriersOf(recipients: Recipient[], channel: CommunicationChannel): Recipient[] {
  return recipients.filter((r) => r.carries?.includes(channel));
}

/**
 * Records messages as the customer sees them: each in messages_sent and, when an outside
 * service carried it, as a disclosure to that service — in the caller's transaction, so that
 * a send that is rolled back leaves neither.
 */
export async function recordMessagesSent(db: Executor, messages: SentMessage[]): Promise<{ disclosed: number }> {
  if (messages.length === 0) return { disclosed: 0 };
  const rows = messages.map((m) => ({ ...m, customerId: scopedCustomerId(m.scope) }));
  await db.insert(messagesSent).values(
    rows.map((m) => ({
      customerId: m.customerId,
      channel: m.channel,
      purposeKey: m.purpose.key,
      subject: m.subject,
      sentAt: m.sentAt,
    })),
  );
  const disclosed = rows.flatMap((m) =>
    carriersOf(m.purpose.recipients, m.channel).map((carrier) => ({
      customerId: m.customerId,
      recipientName: carrier.name,
      recipientCountry: carrier.country,
      purposeKey: m.purpose.key,
      dataCategories: m.dataCategories,
      reference: m.reference,
      disclosedAt: m.sentAt,
    })),
  );
  if (disclosed.length > 0) await db.insert(disclosures).values(disclosed);
  return { disclosed: disclosed.length };
}
