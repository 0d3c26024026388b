import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { apiError, apiLocale } from "@/lib/define-api-route";
import { appUrl, env } from "@/lib/env";
import * as notFound from "./[...path]/route";
import * as consentChecks from "./consent-checks/route";
import * as consentDecision from "./customers/[customer]/consents/[purpose]/route";
import * as events from "./events/route";
import * as openApi from "./openapi.json/route";
import * as webhook from "./webhooks/[id]/route";
import * as webhooks from "./webhooks/route";

// The integration API on a port of its own (TILLIT_API_PORT), in the same process as the
// app: the same route modules as /api/v1 under Next, called straight from node:http.
// Next's request pipeline (router, proxy, request contexts, web-stream piping) costs more
// CPU than a decision itself, and other systems ask per page view or per message: a
// reverse proxy sends /api/v1/ here for throughput. Tokens, scopes, limits, validation,
// logs and answers are the route modules' own, so both doors answer alike; a test holds
// this table to the route files under app/api/v1.

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
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
  if (!pathname.startsWith("/api/v1/")) return null;
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

async function answer(req: IncomingMessage): Promise<Response> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const locale = apiLocale({ headers });
  const target = req.url ?? "/";
  if (!target.startsWith("/") || !URL.canParse(target, "http://api.invalid")) {
    return apiError(locale, 400, "invalid_request");
  }
  const url = new URL(target, "http://api.invalid");
  const route = matchApiRoute(url.pathname);
  if (route === null) return apiError(locale, 404, "not_found");
  if (route === "malformed") return apiError(locale, 400, "invalid_request");
  const allowed = methods.filter((m) => route.module[m]);
  const method = req.method === "HEAD" ? "GET" : req.method;
  if (method === "OPTIONS")
    return new Response(null, { status: 204, headers: { Allow: [...allowed, "OPTIONS"].join(", ") } });
  const handler = route.module[method as Method];
  if (!handler) return apiError(locale, 405, "method_not_allowed", { headers: { Allow: allowed.join(", ") } });
  const hasBody = method !== "GET" && method !== "DELETE";
  const request = new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
  return handler(request, { params: Promise.resolve(route.params) });
}

/** The response's headers with what proxy.ts adds on the app's port, for JSON. */
function headersOf(response: Response): Record<string, string> {
  const headers = new Headers(response.headers);
  headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store, max-age=0");
  if (appUrl().startsWith("https:")) headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return Object.fromEntries(headers);
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let response: Response;
  try {
    response = await answer(req);
  } catch (error) {
    // The class name only: a message could carry personal data.
    console.error(`[tillit] api listener: ${error instanceof Error ? error.name : "unknown"}`);
    response = apiError("en", 500, "internal_error");
  }
  const body = req.method === "HEAD" || response.body === null ? null : Buffer.from(await response.arrayBuffer());
  const headers = headersOf(response);
  // A body refused before it was read in full (413) leaves the connection unusable.
  if (!req.complete) headers.Connection = "close";
  res.writeHead(response.status, headers);
  res.end(body);
}

/** Listens on `port` (0: any free one) for /api/v1 only; resolves with the server once it listens. */
export function startApiListener(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    serve(req, res).catch(() => res.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/** At start-up: the API's own port when TILLIT_API_PORT is set; a port that cannot be had stops the start. */
export async function startConfiguredApiListener(): Promise<void> {
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
