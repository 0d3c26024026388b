import { z } from "zod";
import { refusals, type HttpRefusal } from "./error-page";
import { readCappedBody } from "./capped-body";

// Requests that Next itself would answer with a 500 (plain text, without our headers), told
// apart before routing so that proxy.ts can refuse them with a 4xx. Each check mirrors the
// place in Next 16 that throws: the router decoding dynamic segments (DecodeError), the app
// renderer parsing Next-Router-State-Tree, and the server-action handler (origin check,
// body size limit, React's decodeReply). Pure functions of the request: no database.

/** Next's server-action body limit (serverActions.bodySizeLimit), which we keep at its default. */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024;
/** Deeper than any form we post; React's reply decoder recurses per level. */
const MAX_JSON_DEPTH = 32;
/** Our actions take one or two arguments (previous state, form); Next refuses over 1000. */
const MAX_ACTION_ARGS = 16;
// Next refuses router state headers longer than this (parse-and-validate-flight-router-state).
const MAX_ROUTER_STATE_LENGTH = 20 * 2000;

/** A path every segment of which decodes as UTF-8 and holds no control character. */
export function pathRefusal(pathname: string): HttpRefusal | null {
  for (const segment of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return refusals.badRequest;
    }
    if (/\p{Cc}/u.test(decoded)) return refusals.badRequest;
  }
  return null;
}

// Next's flightRouterStateSchema (next/dist/server/app-render/types.js), in zod.
const dynamicParamType = z.enum([
  "c",
  "ci(..)(..)",
  "ci(.)",
  "ci(..)",
  "ci(...)",
  "oc",
  "d",
  "di(..)(..)",
  "di(.)",
  "di(..)",
  "di(...)",
]);
const segment = z.union([
  z.string(),
  z.tuple([z.string(), z.string(), dynamicParamType, z.array(z.string()).nullable()]),
]);
type RouterState = [unknown, Record<string, RouterState>, ...unknown[]];
const routerState: z.ZodType<RouterState> = z.lazy(() =>
  z.tuple([
    segment,
    z.record(z.string(), routerState),
    z.tuple([z.string(), z.string()]).nullable().optional(),
    z.enum(["refetch", "inside-shared-layout", "metadata-only"]).nullable().optional(),
    z.number().nullable().optional(),
    z.string().optional(),
  ]),
) as z.ZodType<RouterState>;

/** The Next-Router-State-Tree header, if sent, as Next would accept it. */
export function routerStateRefusal(headers: Headers): HttpRefusal | null {
  const value = headers.get("next-router-state-tree");
  if (value === null) return null;
  if (value.length > MAX_ROUTER_STATE_LENGTH) return refusals.badRequest;
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(value));
    if (depthOf(parsed) > 2 * MAX_JSON_DEPTH) return refusals.badRequest;
    return routerState.safeParse(parsed).success ? null : refusals.badRequest;
  } catch {
    return refusals.badRequest;
  }
}

/** A POST that Next treats as a server action: a fetch action, or a form posted without JavaScript. */
export function isPossibleServerAction(request: Request): boolean {
  if (request.method !== "POST") return false;
  const contentType = request.headers.get("content-type") ?? "";
  return request.headers.has("next-action") || /^multipart\/form-data\b/i.test(contentType);
}

/**
 * The Origin check Next makes (a cross-site post is a CSRF attempt) and the body size limit,
 * which need no body. A request without Origin passes, as in Next: browsers always send it.
 */
export function actionHeadersRefusal(headers: Headers): HttpRefusal | null {
  const origin = headers.get("origin");
  if (origin !== null) {
    const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]!.trim();
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return refusals.forbidden;
    }
    if (!host || originHost !== host) return refusals.forbidden;
  }
  const length = headers.get("content-length");
  if (length !== null && !(/^\d+$/.test(length) && Number(length) <= MAX_ACTION_BODY_BYTES)) {
    return /^\d+$/.test(length) ? refusals.payloadTooLarge : refusals.badRequest;
  }
  return null;
}

/** Reads at most MAX_ACTION_BODY_BYTES of a body; null when it is longer. */
export function readActionBody(request: Request): Promise<Uint8Array | null> {
  return readCappedBody(request, MAX_ACTION_BODY_BYTES);
}

/**
 * A server action's body as React's reply decoder would take it: a readable multipart form
 * (or, for a fetch action, a UTF-8 JSON text), whose rows are JSON of a sane depth, whose
 * root is the argument list, and whose references point at rows that were sent.
 */
export async function actionBodyRefusal(options: { headers: Headers; body: Uint8Array }): Promise<HttpRefusal | null> {
  const contentType = options.headers.get("content-type") ?? "";
  const fetchAction = options.headers.has("next-action");
  if (/^multipart\/form-data\b/i.test(contentType)) {
    let form: FormData;
    try {
      form = await new Response(options.body as BodyInit, { headers: { "Content-Type": contentType } }).formData();
    } catch {
      return refusals.badRequest;
    }
    return fetchAction ? replyRefusal(form) : formActionRefusal(form);
  }
  if (!fetchAction) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(options.body);
  } catch {
    return refusals.badRequest;
  }
  const root = parseRow(text);
  if (root === undefined || !isArgumentList(root) || !referencesResolve(root, new Set())) {
    return refusals.badRequest;
  }
  return null;
}

function replyRefusal(form: FormData): HttpRefusal | null {
  const rows = new Map<string, unknown>();
  for (const [name, value] of form) {
    if (/^\d+$/.test(name)) {
      if (typeof value !== "string") return refusals.badRequest;
      const row = parseRow(value);
      if (row === undefined) return refusals.badRequest;
      rows.set(name, row);
    } else {
      // A FormData argument's entries, named "_<its id>_<field>".
      if (!/^_[0-9a-f]+_/.test(name)) return refusals.badRequest;
    }
  }
  const root = rows.get("0");
  if (root === undefined || !isArgumentList(root)) return refusals.badRequest;
  const rowIds = new Set(rows.keys());
  for (const row of rows.values()) if (!referencesResolve(row, rowIds)) return refusals.badRequest;
  return null;
}

/** A form posted without JavaScript: Next decodes only its `$ACTION_…` fields. */
function formActionRefusal(form: FormData): HttpRefusal | null {
  for (const [name, value] of form) {
    if (!/^\$ACTION_\d+:\d+$/.test(name)) continue;
    if (typeof value !== "string" || parseRow(value) === undefined) return refusals.badRequest;
  }
  return null;
}

function parseRow(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return depthOf(value) > MAX_JSON_DEPTH ? undefined : value;
  } catch {
    return undefined;
  }
}

const isArgumentList = (value: unknown) => Array.isArray(value) && value.length <= MAX_ACTION_ARGS;

/** How deeply arrays and objects nest, counted without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > 2 * MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * The "$…" strings React's reply format gives a meaning. Plain values ("$$" escapes a dollar,
 * "$undefined", numbers, bigints, dates) always decode; a FormData ("$K<id>") or a row ("$<id>",
 * "$@<id>" promise, "$Q"/"$W" map or set) must have been sent; anything else (server
 * references, blobs, streams, iterators) is nothing our forms send.
 */
function referencesResolve(value: unknown, rows: Set<string>): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "string") {
      if (!item.startsWith("$") || item.startsWith("$$")) continue;
      if (/^\$(undefined|NaN|Infinity|-Infinity|-0|n-?\d+|D.*|T)$/.test(item)) continue;
      const formData = /^\$K([0-9a-f]+)$/.exec(item);
      if (formData) continue;
      const row = /^\$[@QW]?([0-9a-f]+)$/.exec(item);
      if (row && rows.has(String(parseInt(row[1]!, 16)))) continue;
      return false;
    }
    if (item !== null && typeof item === "object") stack.push(...Object.values(item));
  }
  return true;
}
