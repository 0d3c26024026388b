import type { IncomingMessage, ServerResponse } from "node:http";

// What the app's HTTP server answers before Next.js reads a request, run in the server's
// "request" event (installed with the forwarded-headers guard, lib/security/forwarded-headers.ts):
// - a request-target in absolute form (`GET http://host/path`, which RFC 9112 §3.2.2 has
//   servers accept) becomes the origin form Next expects, its authority the Host: Next would
//   otherwise build its redirects to whatever host the target named;
// - `*` (asterisk form) only asks OPTIONS of the server as a whole: its methods, or a 400;
// - CONNECT, TRACE and TRACK: Next makes a web Request of every request, which the Fetch
//   standard refuses for these, and answers 500: a 405 here;
// - then the takeovers registered: the integration API answers /api/v1 itself (api-listener.ts).

/** Answers a request itself (true) or leaves it to the next takeover and then Next (false). */
export type Takeover = (request: IncomingMessage, response: ServerResponse) => boolean;

const SERVER_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const refusedMethods = new Set(["CONNECT", "TRACE", "TRACK"]);

const holder = globalThis as typeof globalThis & { __tillitTakeovers?: Takeover[] };

/** Registers a takeover, once per process whatever the bundle that loads this module. */
export function takeRequestsBeforeNext(takeover: Takeover): void {
  holder.__tillitTakeovers ??= [];
  holder.__tillitTakeovers.push(takeover);
}

/** True when the request was answered here; Next must not see it then. */
export function answerBeforeNext(request: IncomingMessage, response: ServerResponse): boolean {
  const target = request.url ?? "";
  if (target === "*") {
    if (request.method === "OPTIONS") {
      response.writeHead(204, { ...plainHeaders(), allow: SERVER_METHODS }).end();
    } else {
      refuse(response, 400, "Bad Request");
    }
    return true;
  }
  if (!target.startsWith("/")) {
    if (!URL.canParse(target) || !/^https?:\/\//i.test(target)) {
      refuse(response, 400, "Bad Request");
      return true;
    }
    const url = new URL(target);
    request.url = `${url.pathname}${url.search}`;
    request.headers.host = url.host;
  }
  for (const takeover of holder.__tillitTakeovers ?? []) {
    if (takeover(request, response)) return true;
  }
  if (refusedMethods.has(request.method ?? "")) {
    refuse(response, 405, "Method Not Allowed", { allow: SERVER_METHODS });
    return true;
  }
  return false;
}

function plainHeaders(): Record<string, string> {
  return {
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cache-control": "private, no-store, max-age=0",
  };
}

function refuse(response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  const body = `${status} ${text}\n`;
  response
    .writeHead(status, {
      ...plainHeaders(),
      ...extra,
      "content-type": "text/plain; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
    })
    .end(body);
}
