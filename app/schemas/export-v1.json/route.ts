import { appUrl } from "@/lib/env";
import { exportSchema } from "@/lib/export/export-schema";

// Public: the structure of data.json in every export, so another service can read one.
// No personal data; proxy.ts leaves this path's caching to us.
export function GET() {
  return new Response(`${JSON.stringify(exportSchema(appUrl()), null, 2)}\n`, {
    headers: {
      "Content-Type": "application/schema+json; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
