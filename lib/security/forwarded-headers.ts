import { randomUUID } from "node:crypto";
import { Server as HttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { Server as HttpsServer } from "node:https";
import { answerBeforeNext } from "@/lib/http/request-gate";

const FORWARDED = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

/**
 * What the app may believe about where a request came from. Without a declared proxy
 * (`hops` 0) every forwarded header was written by the client: they are dropped and
 * X-Forwarded-For becomes the socket's own address (Next.js fills host, proto and port
 * from the socket afterwards). Behind proxies the headers are theirs and stay;
 * `clientAddress()` reads the `hops`-th address from the end.
 */
export function trustForwardedHeaders(headers: IncomingHttpHeaders, socketAddress: string | undefined, hops: number) {
  if (hops > 0) return;
  for (const name of FORWARDED) delete headers[name];
  if (socketAddress) headers["x-forwarded-for"] = socketAddress;
}

type Guarded = typeof globalThis & { __tillitForwardedGuard?: number; __tillitForwardedMark?: string };

/** Whether `guardForwardedHeaders` runs in this process (and for how many proxies). */
export function forwardedHeadersGuarded(): number | undefined {
  return (globalThis as Guarded).__tillitForwardedGuard;
}

// Set on each request the guard rewrote, to a value no client can know.
const GUARD_MARK_HEADER = "x-tillit-forwarded-guard";

/**
 * Whether the guard rewrote this request. `next start` listens before instrumentation installs
 * the guard and serves the requests that arrived meanwhile afterwards, with the client's headers.
 */
export function passedForwardedGuard(headers: { get(name: string): string | null }): boolean {
  const mark = (globalThis as Guarded).__tillitForwardedMark;
  return mark !== undefined && headers.get(GUARD_MARK_HEADER) === mark;
}

/**
 * `next start` keeps an X-Forwarded-For the client sent and fills it from the socket only
 * when there is none, and the app never sees the socket. So the app's own HTTP server
 * rewrites the headers of each request before Next.js reads them: `http.Server`'s
 * "request" event is where Node hands a parsed request to its listener (Next's included).
 * The same event answers what Next.js must not see (lib/http/request-gate.ts).
 * Called from instrumentation (before the first request is served), once per process.
 */
export function guardForwardedHeaders(hops: number): void {
  const holder = globalThis as Guarded;
  if (holder.__tillitForwardedGuard !== undefined) return;
  holder.__tillitForwardedGuard = hops;
  const mark = (holder.__tillitForwardedMark = randomUUID());
  for (const proto of [HttpServer.prototype, HttpsServer.prototype]) {
    const emit = proto.emit;
    proto.emit = function (this: HttpServer, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const request = args[0] as IncomingMessage;
        trustForwardedHeaders(request.headers, request.socket?.remoteAddress, hops);
        request.headers[GUARD_MARK_HEADER] = mark;
        // Answered before Next.js sees it (lib/http/request-gate.ts): no listener is told.
        if (answerBeforeNext(request, args[1] as ServerResponse)) return true;
      }
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof proto.emit;
  }
}
