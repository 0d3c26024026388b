import "server-only";
import { and } from "drizzle-orm";
import { getDb } from "@/db";
import { orders } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { keyset, type ListQuery, type Page } from "@/lib/pagination/keyset";

export type OrderDto = {
  id: string;
  orderNumber: string;
  placedAt: Date;
  status: (typeof orders.status.enumValues)[number];
  channel: (typeof orders.channel.enumValues)[number];
  itemCount: number;
  totalOre: number;
  currency: string;
};

/** The signed-in customer's orders, newest first, 25 a page. */
export async function listOrders(actor: Actor | null, query: ListQuery): Promise<Page<OrderDto>> {
  const customer = assertCustomer(actor, "data.read.own");
  const db = await getDb();
  const k = keyset({ time: orders.placedAt, id: orders.id, idKind: "text", query });
  const rows = await db
    .select({
      id: orders.id,
      orderNumber: orders.orderNumber,
      placedAt: orders.placedAt,
      status: orders.status,
      channel: orders.channel,
      itemCount: orders.itemCount,
      totalOre: orders.totalOre,
      currency: orders.currency,
      ...k.fields,
    })
    .from(orders)
    .where(and(customerScope(orders, customer), k.where))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, ({ cursorAt: _, cursorId: __, ...order }) => order);
}
