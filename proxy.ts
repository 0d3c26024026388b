import { NextResponse, type NextRequest } from "next/server";
import { appUrl } from "@/lib/env";
import { errorResponse, refusals, type HttpRefusal } from "@/lib/http/error-page";
import {
  actionBodyRefusal,
  actionHeadersRefusal,
  isPossibleServerAction,
  pathRefusal,
  readActionBody,
  routerStateRefusal,
} from "@/lib/http/malformed-request";

const publicCacheable = new Set([
  "/.well-known/jwks.json",
  "/schemas/export-v1.json",
  "/transparency/report.json",
  "/api/v1/openapi.json",
  "/favicon.ico",
]);

// Security headers for every response, and a 4xx for requests that Next would otherwise
// answer with a bare 500 (lib/http/malformed-request.ts). Authorization is NOT done here:
// every data function in lib/ checks the actor itself.
export async function proxy(request: NextRequest) {
  const https = servedOverHttps(request);
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Next reads the nonce for its own scripts from the request's CSP header.
  requestHeaders.set("Content-Security-Policy", csp);

  const oneClick = oneClickUnsubscribe(request);
  const refusal = await malformed(request, { action: !oneClick });
  const response = refusal
    ? errorResponse(refusal, request.headers)
    : oneClick
      ? NextResponse.rewrite(oneClick, { request: { headers: requestHeaders } })
      : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  // Pages show personal data: never store them in any cache. The public key set, the export
  // schema, the transparency report's JSON, the API's OpenAPI document and the icon are the
  // public, cacheable resources;
  // their routes set their own Cache-Control on a read (any other method gets a 405 that
  // must not be cached either).
  const publicRead =
    (request.method === "GET" || request.method === "HEAD") && publicCacheable.has(request.nextUrl.pathname);
  if (!publicRead || refusal) {
    response.headers.set("Cache-Control", "private, no-store, max-age=0");
  }
  if (https) {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

/** Why Next could not handle this request (it would answer 500), or null. */
async function malformed(request: NextRequest, check: { action: boolean }): Promise<HttpRefusal | null> {
  const refusal = pathRefusal(request.nextUrl.pathname) ?? routerStateRefusal(request.headers);
  if (refusal || !check.action || !isPossibleServerAction(request) || request.nextUrl.pathname.startsWith("/api/")) {
    return refusal;
  }
  const headers = actionHeadersRefusal(request.headers);
  if (headers) return headers;
  // Next hands the proxy a copy of the body and keeps the original for the action.
  const body = await readActionBody(request);
  if (!body) return refusals.payloadTooLarge;
  return actionBodyRefusal({ headers: request.headers, body });
}

/**
 * Whether the browser reached us over https. The app itself speaks plain http; `nextUrl`
 * says https only when a proxy sent `X-Forwarded-Proto: https`, which many do not by
 * default (nginx's proxy_pass), and which is dropped when no proxy is declared
 * (lib/security/forwarded-headers.ts). The operator's https AUTH_URL says it for every
 * request, as it already does for the Secure cookies.
 */
function servedOverHttps(request: NextRequest): boolean {
  return appUrl().startsWith("https:") || request.nextUrl.protocol === "https:";
}

/**
 * RFC 8058: mail providers POST `List-Unsubscribe=One-Click` to the same /unsubscribe/<token>
 * URL that people open. A page cannot take that POST (Next would treat it as a server
 * action and check its Origin), so it goes to a route handler. Server actions on the page
 * (the header's language switch) carry the Next-Action header and stay where they are.
 */
function oneClickUnsubscribe(request: NextRequest): URL | null {
  if (request.method !== "POST" || request.headers.has("next-action")) return null;
  const match = /^\/unsubscribe\/([^/]+)\/?$/.exec(request.nextUrl.pathname);
  if (!match) return null;
  const url = request.nextUrl.clone();
  url.pathname = `/api/unsubscribe/${match[1]}`;
  return url;
}

export const config = {
  // Every response but immutable build assets, prefetches included: /favicon.ico too, and
  // every other path that merely starts with it (their 404 is a page like any other).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
