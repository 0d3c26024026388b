import type { NextRequest } from "next/server";
import { isOwnCallbackUrl } from "@/lib/auth/callback-url";
import { readSignInLink, SIGN_IN_CALLBACK_PATH, SIGN_IN_CONTINUE_PATH } from "@/lib/auth/sign-in-link";
import { spendSignInLink } from "@/lib/auth/spend-sign-in-link";
import { errorResponse, refusals } from "@/lib/http/error-page";
import { readCappedBody } from "@/lib/http/capped-body";
import { seeOther } from "@/lib/http/see-other";

// Only the magic-link callback, and only as a POST from our "Continue" page. Links are
// issued by our sign-in action and sign-out is our action too, so the rest of Auth.js's
// endpoints (session JSON, sign-in POST, provider list) are not exposed.

const MAX_BODY_BYTES = 8 * 1024;

// Mail gateways open (GET/HEAD) every link in a mail, which would spend a single-use link.
// A GET of the callback — an older link, or a scanner — gets the Continue page instead.
export function GET(request: NextRequest) {
  if (request.nextUrl.pathname !== SIGN_IN_CALLBACK_PATH) return new Response(null, { status: 404 });
  // Our links only ever return to this site; anything else is a tampered link.
  const callbackUrl = request.nextUrl.searchParams.get("callbackUrl");
  if (callbackUrl !== null && !isOwnCallbackUrl(callbackUrl))
    return errorResponse(refusals.badRequest, request.headers);
  return seeOther(`${SIGN_IN_CONTINUE_PATH}${request.nextUrl.search}`);
}

function refused() {
  return seeOther("/signin/error?error=Verification");
}

// A form from another site must not sign the browser in to someone else's account (login
// CSRF): the post must come from our own page.
function fromOurOwnPage(request: NextRequest): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return false;
  const origin = request.headers.get("origin");
  if (!origin) return true;
  // As Next's server-action check reads it: the first proxy's entry is the host the browser asked for.
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]!.trim() ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Auth.js answers a callback cookie that is not an http(s) URL with a 500 (it checks it as it does the query). */
function callbackCookieIsOurs(request: NextRequest): boolean {
  const cookie =
    request.cookies.get("authjs.callback-url")?.value ?? request.cookies.get("__Secure-authjs.callback-url")?.value;
  return cookie === undefined || isOwnCallbackUrl(cookie);
}

export async function POST(request: NextRequest) {
  // Only the email callback takes a POST (the Continue press); Auth.js's own sign-in and
  // sign-out posts stay closed, as they were when this route exported GET alone.
  if (request.nextUrl.pathname !== SIGN_IN_CALLBACK_PATH) {
    return new Response(null, { status: 405, headers: { Allow: "GET" } });
  }
  if (!fromOurOwnPage(request) || !callbackCookieIsOurs(request)) return refused();
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "")) {
    return refused();
  }
  const body = await readCappedBody(request, MAX_BODY_BYTES);
  const link = body === null ? null : readSignInLink(new URLSearchParams(new TextDecoder().decode(body)));
  if (!link) return refused();
  return spendSignInLink(link, request);
}
