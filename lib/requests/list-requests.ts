import "server-only";
import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import {
  dataSubjectRequestEvents,
  dataSubjectRequests,
  jobs,
  openRequestStatuses,
  type JobStatus,
  type RequestChannel,
  type RequestKind,
  type RequestStatus,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope, type CustomerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { osloDay } from "./due-date";
import { requestIdSchema } from "./request-schema";
import { awaitsCustomer } from "./staff-request-rules";

/**
 * A status as the customer reads it: a restriction is `completed` the moment it is filed,
 * but it is not over then — it is in force until they lift it.
 */
export type ShownStatus = RequestStatus | "in_force";

export function shownStatus(kind: RequestKind, status: RequestStatus): ShownStatus {
  return kind === "restriction" && status === "completed" ? "in_force" : status;
}

export type RequestHistoryEntry = {
  status: RequestStatus | "extended";
  shownStatus: ShownStatus | "extended";
  occurredAt: Date;
  note: string | null;
  /** An agent's first name when an agent took this step ("by Siri"); null: the customer or the system. */
  staffName: string | null;
};

export type RequestDto = {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  shownStatus: ShownStatus;
  receivedAt: Date;
  /** One calendar month after receipt (YYYY-MM-DD, Oslo). */
  dueOn: string;
  extendedDueOn: string | null;
  extensionReason: string | null;
  /** The date that counts: the extended one if the deadline was extended. */
  effectiveDueOn: string;
  /** Still open and past its effective due date (Oslo calendar). */
  overdue: boolean;
  open: boolean;
  scheduledFor: Date | null;
  completedAt: Date | null;
  /** A restriction the customer lifted: when (lifted is final, so its last update). */
  liftedAt: Date | null;
  /** The customer's own words. */
  reason: string | null;
  /** Objection: the purposes objected to. Restriction: the Art. 18(1) ground. Rectification: the category. */
  details: { purposeKeys?: string[]; ground?: string; category?: string };
  /** How it reached us: "portal" is the customer's own; phone, email or store, an agent filed it. */
  channel: RequestChannel;
  /** The first name of the agent who filed it for the customer. */
  filedByName: string | null;
  filedByStaff: boolean;
  /** Filed by customer service, changes consent or deletes, and waits for the customer to confirm or decline. */
  awaitsCustomer: boolean;
  /** A background export's progress; never the job's internals. */
  progress: { done: number; total: number | null; status: JobStatus } | null;
};

export type RequestDetailDto = RequestDto & { history: RequestHistoryEntry[] };

const columns = {
  id: dataSubjectRequests.id,
  kind: dataSubjectRequests.kind,
  status: dataSubjectRequests.status,
  receivedAt: dataSubjectRequests.receivedAt,
  dueOn: dataSubjectRequests.dueOn,
  extendedDueOn: dataSubjectRequests.extendedDueOn,
  extensionReason: dataSubjectRequests.extensionReason,
  scheduledFor: dataSubjectRequests.scheduledFor,
  completedAt: dataSubjectRequests.completedAt,
  updatedAt: dataSubjectRequests.updatedAt,
  reason: dataSubjectRequests.reason,
  details: dataSubjectRequests.details,
  channel: dataSubjectRequests.channel,
  filedByStaffUserId: dataSubjectRequests.filedByStaffUserId,
  filedByName: dataSubjectRequests.filedByName,
  jobStatus: jobs.status,
  progressDone: jobs.progressDone,
  progressTotal: jobs.progressTotal,
};

type Row = Awaited<ReturnType<typeof selectOwnRequests>>[number];

function pickDetails(details: Record<string, unknown>): RequestDto["details"] {
  const out: RequestDto["details"] = {};
  if (Array.isArray(details.purposeKeys)) out.purposeKeys = details.purposeKeys.filter((k) => typeof k === "string");
  if (typeof details.ground === "string") out.ground = details.ground;
  if (typeof details.category === "string") out.category = details.category;
  return out;
}

function toDto(row: Row, today: string): RequestDto {
  const open = (openRequestStatuses as readonly string[]).includes(row.status);
  const effectiveDueOn = row.extendedDueOn ?? row.dueOn;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    shownStatus: shownStatus(row.kind, row.status),
    receivedAt: row.receivedAt,
    dueOn: row.dueOn,
    extendedDueOn: row.extendedDueOn,
    extensionReason: row.extensionReason,
    effectiveDueOn,
    overdue: open && today > effectiveDueOn,
    open,
    scheduledFor: row.scheduledFor,
    completedAt: row.completedAt,
    liftedAt: row.status === "lifted" ? row.updatedAt : null,
    reason: row.reason,
    details: pickDetails(row.details),
    channel: row.channel,
    filedByName: row.filedByName,
    filedByStaff: row.filedByStaffUserId !== null,
    awaitsCustomer: awaitsCustomer(row),
    progress:
      row.jobStatus === null ? null : { done: row.progressDone ?? 0, total: row.progressTotal, status: row.jobStatus },
  };
}

/** The customer's requests with their job, if any (scoped to the customer in both tables). */
function selectOwnRequests(db: Executor, scope: CustomerScope, where?: SQL) {
  return db
    .select(columns)
    .from(dataSubjectRequests)
    .leftJoin(jobs, and(eq(jobs.requestId, dataSubjectRequests.id), customerScope(jobs, scope)))
    .where(and(customerScope(dataSubjectRequests, scope), where));
}

/** The signed-in customer's requests of every kind, newest first. */
export async function listRequests(actor: Actor | null, now: Date = new Date()): Promise<RequestDto[]> {
  const customer = assertCustomer(actor, "requests.read.own");
  return readRequests(await getDb(), customer, now);
}

/** One customer's requests, newest first, for a caller that has checked who may see them (a logged staff access). */
export async function readRequests(db: Executor, scope: CustomerScope, now: Date = new Date()): Promise<RequestDto[]> {
  const rows = await selectOwnRequests(db, scope).orderBy(
    desc(dataSubjectRequests.receivedAt),
    desc(dataSubjectRequests.id),
  );
  const today = osloDay(now);
  return rows.map((row) => toDto(row, today));
}

/** One of the customer's own requests with its status history; anything else is not found. */
export async function getRequest(
  actor: Actor | null,
  requestId: string,
  now: Date = new Date(),
): Promise<RequestDetailDto> {
  const customer = assertCustomer(actor, "requests.read.own");
  if (!requestIdSchema.safeParse(requestId).success) throw new AppError("not_found");
  const db = await getDb();
  const [row] = await selectOwnRequests(db, customer, eq(dataSubjectRequests.id, requestId)).limit(1);
  if (!row) throw new AppError("not_found");
  const history = await db
    .select({
      status: dataSubjectRequestEvents.status,
      occurredAt: dataSubjectRequestEvents.occurredAt,
      note: dataSubjectRequestEvents.note,
      staffName: dataSubjectRequestEvents.staffName,
    })
    .from(dataSubjectRequestEvents)
    .where(and(customerScope(dataSubjectRequestEvents, customer), eq(dataSubjectRequestEvents.requestId, row.id)))
    .orderBy(asc(dataSubjectRequestEvents.occurredAt), asc(dataSubjectRequestEvents.id));
  return {
    ...toDto(row, osloDay(now)),
    history: history.map((entry) => ({
      ...entry,
      shownStatus: entry.status === "extended" ? "extended" : shownStatus(row.kind, entry.status),
    })),
  };
}
