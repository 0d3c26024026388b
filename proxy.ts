import { NextResponse, type NextRequest } from "next/server";
import { appUrl } from "@/lib/env";

const publicCacheable = new Set(["/.well-known/jwks.json", "/schemas/export-v1.json"]);

// Security headers for every response. Authorization is NOT done here: every data
// function in lib/ checks the actor itself.
export function proxy(request: NextRequest) {
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
  const response = oneClick
    ? NextResponse.rewrite(oneClick, { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  // Pages show personal data: never store them in any cache. The public key set and the
  // export schema are the public, cacheable resources; their routes set their own Cache-Control.
  if (!publicCacheable.has(request.nextUrl.pathname)) {
    response.headers.set("Cache-Control", "private, no-store, max-age=0");
  }
  if (https) {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
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
  // Every response but immutable build assets, prefetches included.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
