import { listReceiptPublicKeys } from "@/lib/receipts/list-public-keys";

// Public: every key that ever signed a consent receipt, so a receipt can be checked
// anywhere. proxy.ts leaves this path's caching to us (no personal data here).
export async function GET() {
  return Response.json(await listReceiptPublicKeys(), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
}
