import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";

// Only the magic-link callback. Links are issued by our sign-in action and sign-out is
// our action too, so the rest of Auth.js's endpoints (session JSON, sign-in POST,
// provider list) are not exposed.
export async function GET(request: NextRequest) {
  if (request.nextUrl.pathname !== "/api/auth/callback/email") return new Response(null, { status: 404 });
  return handlers.GET(request);
}
