import { apiError, apiLocale } from "@/lib/define-api-route";

// The integration API's house: anything under /api/v1 that no route answers is a JSON
// 404 in the documented error shape, never an HTML page, and cookies are never read here
// (API clients use bearer tokens).
function notFound(request: Request): Response {
  return apiError(apiLocale(request.headers.get("accept-language")), 404, "not_found");
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
