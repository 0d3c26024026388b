import "server-only";
import { and } from "drizzle-orm";
import { getDb } from "@/db";
import { supportTickets } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { keyset, type ListQuery, type Page } from "@/lib/pagination/keyset";

export type TicketDto = {
  id: string;
  reference: string;
  subject: string;
  channel: (typeof supportTickets.channel.enumValues)[number];
  status: (typeof supportTickets.status.enumValues)[number];
  createdAt: Date;
  closedAt: Date | null;
};

/** The signed-in customer's support tickets, newest first, 25 a page. */
export async function listTickets(actor: Actor | null, query: ListQuery): Promise<Page<TicketDto>> {
  const customer = assertCustomer(actor, "data.read.own");
  const db = await getDb();
  const k = keyset({ time: supportTickets.createdAt, id: supportTickets.id, idKind: "text", query });
  const rows = await db
    .select({
      id: supportTickets.id,
      reference: supportTickets.reference,
      subject: supportTickets.subject,
      channel: supportTickets.channel,
      status: supportTickets.status,
      createdAt: supportTickets.createdAt,
      closedAt: supportTickets.closedAt,
      ...k.fields,
    })
    .from(supportTickets)
    .where(and(customerScope(supportTickets, customer), k.where))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, ({ cursorAt: _, cursorId: __, ...ticket }) => ticket);
}
