import { z } from "zod";
import { requestKinds, type RequestKind } from "@/db/schema";

// The support queue's filters and order, as GET parameters (so a view can be bookmarked and
// the back button works). Each parameter is read on its own: one that is not valid is
// ignored (its default applies), never an error page.

export const queueStatusFilters = ["open", "all"] as const;
export const queueAssigneeFilters = ["anyone", "me", "unassigned"] as const;
export const queueSorts = ["due", "received"] as const;
export const queueDirections = ["asc", "desc"] as const;

export type QueueParams = {
  status: (typeof queueStatusFilters)[number];
  kind: RequestKind | null;
  assignee: (typeof queueAssigneeFilters)[number];
  overdue: boolean;
  sort: (typeof queueSorts)[number];
  dir: (typeof queueDirections)[number];
  /** Where the page starts (an opaque cursor from the previous page), or the first page. */
  after: QueueCursor | null;
};

/** The sort value of the last row shown (a YYYY-MM-DD due date or a received instant to the microsecond) and its id. */
export type QueueCursor = { value: string; id: string };

export const defaultQueueParams: QueueParams = {
  status: "open",
  kind: null,
  assignee: "anyone",
  overdue: false,
  sort: "due",
  dir: "asc",
  after: null,
};

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

function pick<T extends string>(options: readonly T[], value: string | undefined, fallback: T): T {
  const parsed = z.enum(options as [T, ...T[]]).safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

const cursorValue = {
  due: /^\d{4}-\d{2}-\d{2}$/,
  received: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
} as const;

export function encodeQueueCursor(cursor: QueueCursor): string {
  return Buffer.from(`${cursor.value}|${cursor.id}`, "utf8").toString("base64url");
}

function decodeQueueCursor(value: string | undefined, sort: QueueParams["sort"]): QueueCursor | null {
  if (!value || value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const [at, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (rest.length > 0 || !at || !id || !cursorValue[sort].test(at) || !z.uuid().safeParse(id).success) return null;
  return { value: at, id };
}

/** The queue's parameters from a page's search parameters; anything unknown or malformed is ignored. */
export function parseQueueParams(raw: Record<string, string | string[] | undefined>): QueueParams {
  const sort = pick(queueSorts, single(raw.sort), defaultQueueParams.sort);
  const kind = single(raw.kind);
  return {
    status: pick(queueStatusFilters, single(raw.status), defaultQueueParams.status),
    kind: kind && (requestKinds as readonly string[]).includes(kind) ? (kind as RequestKind) : null,
    assignee: pick(queueAssigneeFilters, single(raw.assignee), defaultQueueParams.assignee),
    overdue: single(raw.overdue) === "1",
    sort,
    dir: pick(queueDirections, single(raw.dir), defaultQueueParams.dir),
    after: decodeQueueCursor(single(raw.after), sort),
  };
}

/** The search parameters of a queue view (defaults left out), for links. */
export function queueSearch(params: QueueParams, after?: string | null): string {
  const out = new URLSearchParams();
  if (params.status !== "open") out.set("status", params.status);
  if (params.kind) out.set("kind", params.kind);
  if (params.assignee !== "anyone") out.set("assignee", params.assignee);
  if (params.overdue) out.set("overdue", "1");
  if (params.sort !== "due") out.set("sort", params.sort);
  if (params.dir !== "asc") out.set("dir", params.dir);
  if (after) out.set("after", after);
  const query = out.toString();
  return query ? `?${query}` : "";
}
