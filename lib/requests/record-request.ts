import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { databaseNow } from "@/db/time";
import {
  dataSubjectRequestEvents,
  dataSubjectRequests,
  type DataSubjectRequest,
  type RequestChannel,
  type RequestKind,
  type RequestStatus,
} from "@/db/schema";
import { customerScope, scopedCustomerId, type CustomerScope } from "@/lib/auth/customer-scope";
import { AppError } from "@/lib/errors";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue-webhook-event";
import { dueDateFor } from "./due-date";

// The only writers of data_subject_requests and their history: every status change
// appends a history row in the same transaction, so the customer sees each step.

/** Which status may follow which. Anything else is a bug or a race, refused as `conflict`. */
const transitions: Record<RequestStatus, readonly RequestStatus[]> = {
  received: ["scheduled", "in_progress", "completed", "rejected", "cancelled"],
  // A restriction an agent filed waits as `scheduled` (not yet in force) until the customer confirms it.
  scheduled: ["in_progress", "completed", "cancelled"],
  in_progress: ["completed", "rejected", "received"],
  completed: ["lifted"],
  rejected: [],
  cancelled: [],
  lifted: [],
};

export function mayTransition(from: RequestStatus, to: RequestStatus): boolean {
  return transitions[from].includes(to);
}

/**
 * Files a request for the customer: received now (database time), due one calendar month
 * later. `steps` are further statuses recorded at once (e.g. an objection that takes
 * effect immediately is received → completed). A second open erasure or restriction
 * violates a unique index and is reported as `conflict`.
 */
export async function fileRequest(
  tx: Tx,
  input: {
    customerId: string;
    kind: RequestKind;
    reason?: string | null;
    details?: Record<string, unknown>;
    scheduledFor?: Date | null;
    steps?: RequestStatus[];
    /** How it reached us; "portal" (the default) is the customer's own. */
    channel?: RequestChannel;
    /** The agent who filed it for the customer: their user id and first name. */
    filedBy?: { staffUserId: string; name: string | null } | null;
  },
): Promise<DataSubjectRequest> {
  const receivedAt = await databaseNow(tx);
  const steps = input.steps ?? [];
  const status = steps.at(-1) ?? "received";
  let inserted: DataSubjectRequest | undefined;
  try {
    // A savepoint, so that a unique violation leaves the caller's transaction usable.
    inserted = await tx.transaction(async (sp) => {
      const [row] = await sp
        .insert(dataSubjectRequests)
        .values({
          customerId: input.customerId,
          kind: input.kind,
          status,
          receivedAt,
          dueOn: dueDateFor(receivedAt),
          reason: input.reason ?? null,
          details: input.details ?? {},
          scheduledFor: input.scheduledFor ?? null,
          completedAt: status === "completed" ? receivedAt : null,
          updatedAt: receivedAt,
          channel: input.channel ?? "portal",
          filedByStaffUserId: input.filedBy?.staffUserId ?? null,
          filedByName: input.filedBy?.name ?? null,
        })
        .returning();
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", {
        messageKey: input.kind === "erasure" ? "erasurePending" : "restrictionActive",
      });
    }
    throw error;
  }
  await tx.insert(dataSubjectRequestEvents).values(
    ["received" as RequestStatus, ...steps].map((step) => ({
      requestId: inserted!.id,
      customerId: input.customerId,
      status: step,
      staffName: input.filedBy?.name ?? null,
    })),
  );
  await enqueueWebhookEvent(tx, {
    type: "request.filed",
    customerId: input.customerId,
    data: {
      requestId: inserted.id,
      kind: inserted.kind,
      status: inserted.status,
      receivedAt: inserted.receivedAt.toISOString(),
      dueOn: inserted.dueOn,
      channel: inserted.channel,
    },
  });
  return inserted;
}

/**
 * Moves a request of the scope's customer to `to`, locking it first; refuses a transition
 * the current status does not allow. Returns the updated row.
 */
export async function setRequestStatus(
  tx: Tx,
  input: {
    requestId: string;
    scope: CustomerScope;
    to: RequestStatus;
    note?: string | null;
    messageKey?: string;
    /** The agent's first name when an agent makes the change (shown to the customer). */
    staffName?: string | null;
  },
): Promise<DataSubjectRequest> {
  const [current] = await tx
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.id, input.requestId), customerScope(dataSubjectRequests, input.scope)))
    .for("update")
    .limit(1);
  if (!current) throw new AppError("not_found");
  if (!mayTransition(current.status, input.to)) {
    throw new AppError("conflict", { messageKey: input.messageKey ?? "requestNotOpen" });
  }
  const [updated] = await tx
    .update(dataSubjectRequests)
    .set({
      status: input.to,
      updatedAt: sql`statement_timestamp()`,
      ...(input.to === "completed" ? { completedAt: sql`statement_timestamp()` } : {}),
    })
    .where(eq(dataSubjectRequests.id, current.id))
    .returning();
  await tx.insert(dataSubjectRequestEvents).values({
    requestId: current.id,
    customerId: scopedCustomerId(input.scope),
    status: input.to,
    note: input.note ?? null,
    staffName: input.staffName ?? null,
  });
  return updated!;
}

/** Postgres unique_violation, through either driver (postgres.js puts it on the cause). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
