import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { isOwnCallbackUrl } from "@/lib/auth/callback-url";
import { errorResponse, refusals } from "@/lib/http/error-page";

// Only the magic-link callback. Links are issued by our sign-in action and sign-out is
// our action too, so the rest of Auth.js's endpoints (session JSON, sign-in POST,
// provider list) are not exposed.
export async function GET(request: NextRequest) {
  if (request.nextUrl.pathname !== "/api/auth/callback/email") return new Response(null, { status: 404 });
  // Our links only ever return to this site. Auth.js answers any other callbackUrl (a
  // `javascript:` URL, an unparseable one) with a 500; a tampered link is a bad request.
  const callbackUrl = request.nextUrl.searchParams.get("callbackUrl");
  const cookie =
    request.cookies.get("authjs.callback-url")?.value ?? request.cookies.get("__Secure-authjs.callback-url")?.value;
  if ((callbackUrl !== null && !isOwnCallbackUrl(callbackUrl)) || (cookie !== undefined && !isOwnCallbackUrl(cookie))) {
    return errorResponse(refusals.badRequest, request.headers);
  }
  return handlers.GET(request);
}
