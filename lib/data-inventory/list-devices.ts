import "server-only";
import { and } from "drizzle-orm";
import { getDb } from "@/db";
import { devices } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { keyset, type ListQuery, type Page } from "@/lib/pagination/keyset";

export type DeviceDto = {
  id: string;
  kind: (typeof devices.kind.enumValues)[number];
  name: string;
  os: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
};

/** The devices seen on the signed-in customer's account, most recently seen first, 25 a page. */
export async function listDevices(actor: Actor | null, query: ListQuery): Promise<Page<DeviceDto>> {
  const customer = assertCustomer(actor, "data.read.own");
  const db = await getDb();
  const k = keyset({ time: devices.lastSeenAt, id: devices.id, idKind: "text", query });
  const rows = await db
    .select({
      id: devices.id,
      kind: devices.kind,
      name: devices.name,
      os: devices.os,
      firstSeenAt: devices.firstSeenAt,
      lastSeenAt: devices.lastSeenAt,
      ...k.fields,
    })
    .from(devices)
    .where(and(customerScope(devices, customer), k.where))
    .orderBy(...k.orderBy)
    .limit(k.limit);
  return k.page(rows, ({ cursorAt: _, cursorId: __, ...device }) => device);
}
