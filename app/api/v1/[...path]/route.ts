// The integration API's house: anything under /api/v1 that no route answers is a JSON
// 404, never an HTML page, and cookies are never read here (API clients use bearer tokens).
function notFound(): Response {
  return Response.json({ error: { code: "not_found" } }, { status: 404 });
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
