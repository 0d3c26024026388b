/**
 * A 303 to a path of this site, as a relative Location (RFC 9110 allows it). Never built
 * from `request.url`: behind `next start -H 127.0.0.1` or a proxy, that is the address the
 * server listens on, not the one the browser used, and the browser would land signed out
 * on another origin.
 */
export function seeOther(path: `/${string}`): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}
