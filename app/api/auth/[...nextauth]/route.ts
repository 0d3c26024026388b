import type { NextRequest } from "next/server";
import { readSignInLink, SIGN_IN_CALLBACK_PATH, SIGN_IN_CONTINUE_PATH } from "@/lib/auth/sign-in-link";
import { spendSignInLink } from "@/lib/auth/spend-sign-in-link";

// Only the magic-link callback, and only as a POST from our "Continue" page. Links are
// issued by our sign-in action and sign-out is our action too, so the rest of Auth.js's
// endpoints (session JSON, sign-in POST, provider list) are not exposed.

const MAX_BODY_BYTES = 8 * 1024;

// Mail gateways open (GET/HEAD) every link in a mail, which would spend a single-use link.
// A GET of the callback — an older link, or a scanner — gets the Continue page instead.
export function GET(request: NextRequest) {
  if (request.nextUrl.pathname !== SIGN_IN_CALLBACK_PATH) return new Response(null, { status: 404 });
  const page = new URL(SIGN_IN_CONTINUE_PATH, request.url);
  page.search = request.nextUrl.search;
  return Response.redirect(page, 303);
}

/** The body as text, read up to MAX_BODY_BYTES; null when it is longer. */
async function cappedText(request: Request): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function refused(request: NextRequest) {
  return Response.redirect(new URL("/signin/error?error=Verification", request.url), 303);
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

export async function POST(request: NextRequest) {
  if (request.nextUrl.pathname !== SIGN_IN_CALLBACK_PATH) return new Response(null, { status: 404 });
  if (!fromOurOwnPage(request)) return refused(request);
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "")) {
    return refused(request);
  }
  const body = await cappedText(request);
  const link = body === null ? null : readSignInLink(new URLSearchParams(body));
  if (!link) return refused(request);
  return spendSignInLink(link, request);
}
