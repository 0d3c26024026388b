import { publicTransparencyReport, readTransparencyReport } from "@/lib/analytics/transparency-report";

// Read at each request (never at build time); the figures are counts only, the same for
// everyone, so caches may keep them a few minutes (proxy.ts leaves this path's Cache-Control to us).
export const dynamic = "force-dynamic";

export async function GET() {
  const report = publicTransparencyReport(await readTransparencyReport("en"));
  return new Response(`${JSON.stringify(report, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
