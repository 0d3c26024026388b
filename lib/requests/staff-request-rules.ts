import type { DataSubjectRequest, RequestKind, RequestStatus } from "@/db/schema";
import { mayTransition } from "./record-request";
import { staffTargetStatuses } from "./staff-request-schema";

/** Kinds whose change to consent or data the customer confirms in the portal when an agent filed them. */
const confirmedByCustomer: readonly RequestKind[] = ["objection", "restriction", "erasure"];
/** Kinds a background job completes (an export the customer starts, an erasure after its grace period). */
const completedByJob: readonly RequestKind[] = ["export", "erasure"];

type Shape = Pick<DataSubjectRequest, "kind" | "status" | "filedByStaffUserId">;

/**
 * The status an agent-filed request waits in for the customer's word: a restriction waits as
 * `scheduled`, since a received one would already be in force (restrictionInForceStatuses).
 */
export function waitingStatusOf(kind: RequestKind): RequestStatus {
  return kind === "restriction" ? "scheduled" : "received";
}

/** An agent filed it, and it changes consent or deletes: it waits for the customer's word. */
export function awaitsCustomer(request: Shape): boolean {
  return (
    request.filedByStaffUserId !== null &&
    confirmedByCustomer.includes(request.kind) &&
    request.status === waitingStatusOf(request.kind)
  );
}

/**
 * Why an agent may not move a request to `to`, as a message key, or null when they may.
 * The history's transitions (`mayTransition`) first; then what only the customer or a job
 * may finish: a restriction is in force only when the customer puts it in force, an
 * export or erasure completes with its job, and what waits for the customer is theirs to
 * confirm or decline.
 */
export function refusalOfTransition(request: Shape, to: RequestStatus): string | null {
  if (!(staffTargetStatuses as readonly string[]).includes(to) || !mayTransition(request.status, to)) {
    return "transitionNotAllowed";
  }
  // What waits for the customer is theirs to confirm or decline; a scheduled erasure is its job's.
  if (awaitsCustomer(request)) return "awaitsCustomer";
  // An export filed for the customer is answered by their own start in the portal; the
  // agent may only reject one filed by mistake, with a note the customer reads.
  if (
    request.filedByStaffUserId !== null &&
    request.kind === "export" &&
    request.status === "received" &&
    to !== "rejected"
  ) {
    return "awaitsCustomer";
  }
  if (request.status === "scheduled") return "transitionNotAllowed";
  if (to !== "completed") return null;
  if (completedByJob.includes(request.kind)) return "completedByJob";
  if (request.kind === "restriction") return "completedByCustomer";
  return null;
}

/** The statuses offered to the agent on the request's page. */
export function nextStatusesFor(request: Shape): RequestStatus[] {
  return staffTargetStatuses.filter((to) => refusalOfTransition(request, to) === null);
}
