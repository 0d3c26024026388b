import { methodNotAllowed } from "@/lib/define-api-route";
import { openApiDocument } from "@/lib/integration/openapi";

// Public, no token: the API's own description, generated from the schemas that validate
// its requests. proxy.ts leaves this path's caching to us.
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
