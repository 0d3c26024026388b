import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import { refuseAheadOfTime } from "@/lib/http/ahead-of-time";
import { getConsentReceipt } from "@/lib/receipts/get-consent-receipt";
import { RECEIPT_MEDIA_TYPE } from "@/lib/receipts/receipt-payload";

// A customer's own receipt: anyone else (another customer, staff, an unknown or
// malformed id) gets the same 404; without a session, sign-in, as for every account page.
// Signed only when asked for: a prefetch or an RSC request is refused first.
export async function GET(request: Request, { params }: { params: Promise<{ eventId: string }> }) {
  const refused = refuseAheadOfTime(request);
  if (refused) return refused;
  const { eventId } = await params;
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  try {
    const receipt = await getConsentReceipt(actor, eventId);
    return new Response(receipt.jws, {
      headers: {
        "Content-Type": RECEIPT_MEDIA_TYPE,
        "Content-Disposition": `attachment; filename="${receipt.filename}"`,
      },
    });
  } catch (error) {
    if (isAppError(error) && (error.code === "not_found" || error.code === "forbidden")) {
      const t = await getTranslations("consentHistory");
      return new Response(t("receiptNotFound"), {
        status: 404,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    throw error;
  }
}
