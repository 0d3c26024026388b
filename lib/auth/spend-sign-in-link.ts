import "server-only";
import { NextRequest } from "next/server";
import { handlers } from "./auth";
import { SIGN_IN_CALLBACK_PATH, type SignInLink } from "./sign-in-link";

/**
 * Spends a sign-in link through Auth.js's own email callback (which verifies the token,
 * consumes it and creates the session), on the person's press of "Continue" — never on a
 * GET, which mail scanners send for every link in a mail. Answers 303, so the browser
 * follows the redirect with a GET after the POST.
 */
export async function spendSignInLink(link: SignInLink, request: Request): Promise<Response> {
  const url = new URL(SIGN_IN_CALLBACK_PATH, request.url);
  url.search = new URLSearchParams(link).toString();
  // The person's cookies go along (Auth.js reads its own, e.g. an existing session).
  const headers = new Headers();
  const cookie = request.headers.get("cookie");
  if (cookie) headers.set("cookie", cookie);
  const answer = await handlers.GET(new NextRequest(url, { method: "GET", headers }));
  if (answer.status < 300 || answer.status >= 400) return answer;
  const redirect = new Response(null, { status: 303, headers: answer.headers });
  return redirect;
}
