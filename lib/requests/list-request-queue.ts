import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import {
  customers,
  dataSubjectRequests,
  openRequestStatuses,
  type RequestChannel,
  type RequestKind,
  type RequestStatus,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { maskName } from "@/lib/access-log/mask";
import { osloDay } from "./due-date";
import { shownStatus, type ShownStatus } from "./list-requests";
import { encodeQueueCursor, type QueueParams } from "./queue-params";

export const QUEUE_PAGE_SIZE = 20;
/** A request due within this many days stands out in the queue. */
export const DUE_SOON_DAYS = 3;

export type QueueUrgency = "overdue" | "dueSoon" | null;

export type QueueRow = {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  shownStatus: ShownStatus;
  /** Masked: "Kari N.", and the customer number. */
  customer: { name: string; number: number };
  receivedAt: Date;
  /** extended_due_on ?? due_on, YYYY-MM-DD (Oslo). */
  effectiveDueOn: string;
  extended: boolean;
  urgency: QueueUrgency;
  channel: RequestChannel;
  assigneeName: string | null;
  assignedToMe: boolean;
};

export type QueuePage = { rows: QueueRow[]; next: string | null };

/** A YYYY-MM-DD day plus whole days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function urgencyOf(input: { open: boolean; effectiveDueOn: string; today: string }): QueueUrgency {
  if (!input.open) return null;
  if (input.effectiveDueOn < input.today) return "overdue";
  return input.effectiveDueOn <= addDays(input.today, DUE_SOON_DAYS) ? "dueSoon" : null;
}

/**
 * The support queue: every data-subject request, filtered and ordered as the agent asks, a
 * page at a time by keyset (sort value, id), so a late page costs what the first costs.
 * The customer is shown masked (name and initial, customer number): like a search, listing
 * them is not a look at anyone's data and is not written to the access log; opening a
 * request is (`openRequestAsStaff`).
 */
export async function listRequestQueue(
  actor: Actor | null,
  params: QueueParams,
  now: Date = new Date(),
): Promise<QueuePage> {
  const staff = assertStaff(actor, "requests.work");
  const today = osloDay(now);
  const r = dataSubjectRequests;
  const due = sql<string>`coalesce(${r.extendedDueOn}, ${r.dueOn})`;
  const receivedText = sql<string>`to_char(${r.receivedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const open = inArray(r.status, [...openRequestStatuses]);

  const conditions: (SQL | undefined)[] = [
    params.status === "open" || params.overdue ? open : undefined,
    params.kind ? eq(r.kind, params.kind) : undefined,
    params.assignee === "me" ? eq(r.assigneeUserId, staff.userId) : undefined,
    params.assignee === "unassigned" ? isNull(r.assigneeUserId) : undefined,
    params.overdue ? sql`${due} < ${today}::date` : undefined,
  ];
  const ascending = params.dir === "asc";
  if (params.after) {
    const [key, value] =
      params.sort === "due"
        ? [due, sql`${params.after.value}::date`]
        : [sql`${r.receivedAt}`, sql`${params.after.value}::timestamptz`];
    conditions.push(
      ascending
        ? sql`(${key} > ${value} or (${key} = ${value} and ${r.id} > ${params.after.id}))`
        : sql`(${key} < ${value} or (${key} = ${value} and ${r.id} < ${params.after.id}))`,
    );
  }
  const order = params.sort === "due" ? due : r.receivedAt;
  const direction = ascending ? asc : desc;

  const db = await getDb();
  const rows = await db
    .select({
      id: r.id,
      kind: r.kind,
      status: r.status,
      receivedAt: r.receivedAt,
      receivedText,
      dueOn: r.dueOn,
      extendedDueOn: r.extendedDueOn,
      channel: r.channel,
      assigneeUserId: r.assigneeUserId,
      assigneeName: r.assigneeName,
      givenName: customers.givenName,
      familyName: customers.familyName,
      customerNumber: customers.customerNumber,
    })
    .from(r)
    .innerJoin(customers, eq(customers.id, r.customerId))
    .where(and(...conditions))
    .orderBy(direction(order), direction(r.id))
    .limit(QUEUE_PAGE_SIZE + 1);

  const page = rows.slice(0, QUEUE_PAGE_SIZE);
  const last = page.at(-1);
  const next =
    rows.length > QUEUE_PAGE_SIZE && last
      ? encodeQueueCursor({
          value: params.sort === "due" ? (last.extendedDueOn ?? last.dueOn) : last.receivedText,
          id: last.id,
        })
      : null;
  return {
    rows: page.map((row) => {
      const effectiveDueOn = row.extendedDueOn ?? row.dueOn;
      const isOpen = (openRequestStatuses as readonly string[]).includes(row.status);
      return {
        id: row.id,
        kind: row.kind,
        status: row.status,
        shownStatus: shownStatus(row.kind, row.status),
        customer: { name: maskName(row.givenName, row.familyName), number: row.customerNumber },
        receivedAt: row.receivedAt,
        effectiveDueOn,
        extended: row.extendedDueOn !== null,
        urgency: urgencyOf({ open: isOpen, effectiveDueOn, today }),
        channel: row.channel,
        assigneeName: row.assigneeName,
        assignedToMe: row.assigneeUserId === staff.userId,
      };
    }),
    next,
  };
}
