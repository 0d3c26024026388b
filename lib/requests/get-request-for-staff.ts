import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import {
  customers,
  dataSubjectRequestEvents,
  jobs,
  openRequestStatuses,
  type JobKind,
  type JobStatus,
  type RequestChannel,
  type RequestKind,
  type RequestStatus,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { maskName } from "@/lib/access-log/mask";
import { osloDay } from "./due-date";
import { urgencyOf, type QueueUrgency } from "./list-request-queue";
import { shownStatus, type RequestHistoryEntry, type ShownStatus } from "./list-requests";
import { profileCategories } from "./carry-out-rectification";
import { openRequestAsStaff } from "./staff-request-access";
import { awaitsCustomer, nextStatusesFor } from "./staff-request-rules";

export type StaffRequestDto = {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  shownStatus: ShownStatus;
  /** Masked, as in the queue; the id only for the link to file another request for them. */
  customer: { id: string; name: string; number: number };
  receivedAt: Date;
  dueOn: string;
  extendedDueOn: string | null;
  extensionReason: string | null;
  effectiveDueOn: string;
  urgency: QueueUrgency;
  open: boolean;
  channel: RequestChannel;
  filedByName: string | null;
  filedByStaff: boolean;
  assigneeName: string | null;
  assignedToMe: boolean;
  /** The customer's own words, and what the kind names (category, ground, purposes). */
  reason: string | null;
  details: { category?: string; ground?: string; purposeKeys?: string[] };
  history: (RequestHistoryEntry & { staffName: string | null })[];
  /** What the agent may move it to now. */
  nextStatuses: RequestStatus[];
  mayExtend: boolean;
  /** A rectification of the name or phone, still open: the agent may carry it out here. */
  mayCarryOut: boolean;
  /** Filed by an agent, and the customer's confirmation is still to come. */
  awaitsCustomer: boolean;
  job: { id: string; kind: JobKind; status: JobStatus; attempts: number; lastError: string | null } | null;
};

/**
 * An agent opens one request on its page: the view is written to the staff access log
 * (data-subject request) in the same transaction as the read (`openRequestAsStaff`), so the
 * customer sees it. Unknown, malformed and erased are the same not-found.
 */
export async function getRequestForStaff(
  actor: Actor | null,
  requestId: string,
  now: Date = new Date(),
): Promise<StaffRequestDto> {
  const staff = assertStaff(actor, "requests.work");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { request, scope } = await openRequestAsStaff(tx, staff, requestId);
    const [customer] = await tx
      .select({ givenName: customers.givenName, familyName: customers.familyName, number: customers.customerNumber })
      .from(customers)
      .where(eq(customers.id, scope.customerId))
      .limit(1);
    if (!customer) throw new AppError("not_found");
    const history = await tx
      .select({
        status: dataSubjectRequestEvents.status,
        occurredAt: dataSubjectRequestEvents.occurredAt,
        note: dataSubjectRequestEvents.note,
        staffName: dataSubjectRequestEvents.staffName,
      })
      .from(dataSubjectRequestEvents)
      .where(and(customerScope(dataSubjectRequestEvents, scope), eq(dataSubjectRequestEvents.requestId, request.id)))
      .orderBy(asc(dataSubjectRequestEvents.occurredAt), asc(dataSubjectRequestEvents.id));
    const [job] = await tx
      .select({
        id: jobs.id,
        kind: jobs.kind,
        status: jobs.status,
        attempts: jobs.attempts,
        lastError: jobs.lastError,
      })
      .from(jobs)
      .where(and(customerScope(jobs, scope), eq(jobs.requestId, request.id)))
      .limit(1);
    const open = (openRequestStatuses as readonly string[]).includes(request.status);
    const effectiveDueOn = request.extendedDueOn ?? request.dueOn;
    const details = request.details;
    return {
      id: request.id,
      kind: request.kind,
      status: request.status,
      shownStatus: shownStatus(request.kind, request.status),
      customer: {
        id: scope.customerId,
        name: maskName(customer.givenName, customer.familyName),
        number: customer.number,
      },
      receivedAt: request.receivedAt,
      dueOn: request.dueOn,
      extendedDueOn: request.extendedDueOn,
      extensionReason: request.extensionReason,
      effectiveDueOn,
      urgency: urgencyOf({ open, effectiveDueOn, today: osloDay(now) }),
      open,
      channel: request.channel,
      filedByName: request.filedByName,
      filedByStaff: request.filedByStaffUserId !== null,
      assigneeName: request.assigneeName,
      assignedToMe: request.assigneeUserId === staff.userId,
      reason: request.reason,
      details: {
        ...(typeof details.category === "string" ? { category: details.category } : {}),
        ...(typeof details.ground === "string" ? { ground: details.ground } : {}),
        ...(Array.isArray(details.purposeKeys)
          ? { purposeKeys: details.purposeKeys.filter((k): k is string => typeof k === "string") }
          : {}),
      },
      history: history.map((entry) => ({
        ...entry,
        shownStatus: entry.status === "extended" ? "extended" : shownStatus(request.kind, entry.status),
      })),
      nextStatuses: nextStatusesFor(request),
      mayExtend: open && request.extendedDueOn === null,
      mayCarryOut:
        open &&
        request.kind === "rectification" &&
        typeof details.category === "string" &&
        profileCategories.includes(details.category),
      awaitsCustomer: awaitsCustomer(request),
      job: job ?? null,
    };
  });
}
