// A link that downloads something (an export zip, a signed receipt) must build it only when
// the person asks for it. Browsers and Next's router also fetch URLs ahead of time: <Link>
// prefetches (RSC + Next-Router-Prefetch, or a segment prefetch), RSC navigations, and
// speculative loads (`Purpose: prefetch`, `Sec-Purpose: prefetch;prerender`, Firefox's
// `X-Moz: prefetch`). Route handlers that stream data refuse all of these before doing any
// work. Links to them are plain `<a download>`, which nothing prefetches.

const purposeHeaders = ["purpose", "sec-purpose", "x-purpose", "x-moz"] as const;

/** Whether the request was made ahead of time or by Next's router, not by a person's click. */
export function isAheadOfTimeRequest(headers: Headers): boolean {
  if (headers.has("rsc") || headers.has("next-router-prefetch") || headers.has("next-router-segment-prefetch")) {
    return true;
  }
  return purposeHeaders.some((name) => /(^|[\s,;])(prefetch|prerender|preview)\b/i.test(headers.get(name) ?? ""));
}

/** 400 for an ahead-of-time request (see above), else null: the caller goes on. */
export function refuseAheadOfTime(request: Request): Response | null {
  if (!isAheadOfTimeRequest(request.headers)) return null;
  return new Response(null, { status: 400, headers: { "Cache-Control": "no-store" } });
}
