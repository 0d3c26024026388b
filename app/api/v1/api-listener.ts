import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { apiErrorAnswer, apiLocale, type ApiAnswer, type ApiRouteHandler } from "@/lib/define-api-route";
import { appUrl, env } from "@/lib/env";
import { takeRequestsBeforeNext } from "@/lib/http/request-gate";
import * as notFound from "./[...path]/route";
import * as consentChecks from "./consent-checks/route";
import * as consentDecision from "./customers/[customer]/consents/[purpose]/route";
import * as events from "./events/route";
import * as openApi from "./openapi.json/route";
import * as webhook from "./webhooks/[id]/route";
import * as webhooks from "./webhooks/route";

// The integration API answered straight from node:http, by the route modules under
// app/api/v1: on the app's own port, where it takes /api/v1 before Next.js reads the
// request (lib/http/request-gate.ts), and on a port of its own when TILLIT_API_PORT is set.
// Next's request pipeline (router, proxy, request contexts, web-stream piping) costs more
// CPU than a decision itself, buffers a body for its proxy before the route can refuse it,
// and answers some requests in its own way (redirects for a trailing slash, a 400 in HTML
// for a router header, a 500 for TRACE): other systems ask per page view or per message, and
// must hear the documented JSON whatever they send. Tokens, scopes, limits, validation, logs
// and answers are the route modules' own; Next still routes to them for a request that
// arrives before start-up installs the takeover. A test holds this table to the route files.

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = ((
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Response | Promise<Response>) &
  Partial<Pick<ApiRouteHandler, "answer">>;
type RouteModule = Partial<Record<Method, Handler>>;

/** Each route file under app/api/v1 (its folder, in Next's [param] syntax) and its module. */
export const apiRouteModules: Record<string, RouteModule> = {
  "consent-checks": consentChecks,
  "customers/[customer]/consents/[purpose]": consentDecision,
  events,
  "openapi.json": openApi,
  webhooks,
  "webhooks/[id]": webhook,
  "[...path]": notFound,
};

const routes = Object.entries(apiRouteModules)
  .filter(([folder]) => folder !== "[...path]")
  .map(([folder, module]) => {
    const names: string[] = [];
    const segments = folder.split("/").map((segment) => {
      const param = /^\[(\w+)\]$/.exec(segment);
      if (!param) return segment.replace(/\./g, "\\.");
      names.push(param[1]!);
      return "([^/]+)";
    });
    return { pattern: new RegExp(`^/api/v1/${segments.join("/")}$`), names, module };
  });

const methods: readonly Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The route module and decoded path parameters for a path, as Next's file routing picks
 * them (the catch-all's JSON 404 for anything else under /api/v1), "malformed" for a
 * parameter that is not valid percent-encoding, null outside /api/v1.
 */
export function matchApiRoute(
  pathname: string,
): { module: RouteModule; params: Record<string, string> } | "malformed" | null {
  if (pathname !== "/api/v1" && !pathname.startsWith("/api/v1/")) return null;
  try {
    decodeURIComponent(pathname);
  } catch {
    return "malformed";
  }
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
    } catch {
      return "malformed";
    }
    return { module: route.module, params };
  }
  return { module: notFound, params: {} };
}

/** A header of the request as Headers.get reads it: every field of that name, joined by ", ". */
function headerOf(req: IncomingMessage): (name: string) => string | null {
  const raw = req.rawHeaders;
  return (name) => {
    const wanted = name.toLowerCase();
    let value: string | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i]!.toLowerCase() === wanted) value = value === null ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
    }
    return value;
  };
}

async function answer(req: IncomingMessage): Promise<ApiAnswer | Response> {
  const header = headerOf(req);
  const locale = apiLocale(header("accept-language"));
  const target = req.url ?? "/";
  if (!target.startsWith("/") || !URL.canParse(target, "http://api.invalid")) {
    return apiErrorAnswer(locale, 400, "invalid_request");
  }
  const url = new URL(target, "http://api.invalid");
  const route = matchApiRoute(url.pathname);
  if (route === null) return apiErrorAnswer(locale, 404, "not_found");
  if (route === "malformed") return apiErrorAnswer(locale, 400, "invalid_request");
  const allowed = methods.filter((m) => route.module[m]);
  const method = req.method === "HEAD" ? "GET" : req.method;
  if (method === "OPTIONS") return { status: 204, headers: { Allow: [...allowed, "OPTIONS"].join(", ") }, body: "" };
  const handler = route.module[method as Method];
  if (!handler) return apiErrorAnswer(locale, 405, "method_not_allowed", { headers: { Allow: allowed.join(", ") } });
  const hasBody = method !== "GET" && method !== "DELETE";
  const body = hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null;
  // A defineApiRoute handler answers without a web Request or Response.
  if (handler.answer) return handler.answer({ url, header, body }, route.params);
  // The others (the OpenAPI document, the JSON 404s) are called as Next calls them.
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const request = new Request(url, {
    method,
    headers,
    ...(body ? { body, duplex: "half" } : {}),
  } as RequestInit);
  return handler(request, { params: Promise.resolve(route.params) });
}

/** The answer's headers with what proxy.ts adds on the app's port, for JSON (names in lower case). */
function headersOf(given: Record<string, string>, https: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) headers[name.toLowerCase()] = value;
  headers["content-security-policy"] = "default-src 'none'; frame-ancestors 'none'";
  headers["x-content-type-options"] = "nosniff";
  headers["referrer-policy"] = "same-origin";
  headers["x-frame-options"] = "DENY";
  headers["cache-control"] ??= "private, no-store, max-age=0";
  if (https) headers["strict-transport-security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

async function serve(req: IncomingMessage, res: ServerResponse, https: boolean): Promise<void> {
  let answered: ApiAnswer | Response;
  try {
    answered = await answer(req);
  } catch (error) {
    // The class name only: a message could carry personal data.
    console.error(`[tillit] api listener: ${error instanceof Error ? error.name : "unknown"}`);
    answered = apiErrorAnswer("en", 500, "internal_error");
  }
  const { status, headers, body } =
    answered instanceof Response
      ? {
          status: answered.status,
          headers: Object.fromEntries(answered.headers),
          body: answered.body === null ? null : Buffer.from(await answered.arrayBuffer()),
        }
      : answered;
  const sent = headersOf(headers, https);
  // A 204 carries no body and no length (RFC 9110).
  if (body !== null && status !== 204) sent["content-length"] = String(Buffer.byteLength(body));
  // A body refused before it was read in full (413) leaves the connection unusable.
  if (!req.complete) sent.connection = "close";
  res.writeHead(status, sent);
  res.end(req.method === "HEAD" || status === 204 ? undefined : body);
}

/** Whether a request-target is the integration API's (before its query). */
function isApiTarget(target: string): boolean {
  const path = target.split("?", 1)[0]!;
  return path === "/api/v1" || path.startsWith("/api/v1/");
}

/** Listens on `port` (0: any free one) for /api/v1 only; resolves with the server once it listens. */
export function startApiListener(port: number, host: string): Promise<Server> {
  // Read once: the app's address does not change while it runs.
  const https = appUrl().startsWith("https:");
  const server = createServer((req, res) => {
    serve(req, res, https).catch(() => res.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/**
 * At start-up: /api/v1 taken on the app's port before Next reads it, and the API's own port
 * when TILLIT_API_PORT is set; a port that cannot be had stops the start.
 */
export async function startConfiguredApiListener(): Promise<void> {
  const https = appUrl().startsWith("https:");
  takeRequestsBeforeNext((req, res) => {
    if (!isApiTarget(req.url ?? "")) return false;
    serve(req, res, https).catch(() => res.destroy());
    return true;
  });
  const { TILLIT_API_PORT: port, HOST: host } = env();
  if (port === undefined) return;
  try {
    await startApiListener(port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown";
    console.error(`\n[tillit] cannot start: the integration API cannot listen on ${host}:${port} (${code}).\n`);
    process.exit(1);
  }
  console.info(`[tillit] integration API also on http://${host}:${port}/api/v1/ (TILLIT_API_PORT)`);
}
