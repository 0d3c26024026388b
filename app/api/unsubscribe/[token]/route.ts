import { withdrawByLink } from "@/lib/consent/withdraw-by-link";
import { negotiateLocale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { readCappedBody } from "@/lib/http/capped-body";

// RFC 8058 one-click opt-out. Mail providers POST `List-Unsubscribe=One-Click` to the
// URL in the List-Unsubscribe header (/unsubscribe/<token>; proxy.ts routes the POST
// here). No cookies, no Origin, no CSRF token: the unforgeable token in the URL is the
// authority, and it can only ever switch one purpose off for one customer.

const MAX_BODY_BYTES = 16 * 1024;

function answer(status: number, text: string) {
  return new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** The body must be `List-Unsubscribe=One-Click`, form-encoded either way RFC 8058 allows. */
async function isOneClick(request: Request): Promise<boolean> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType)) return false;
  try {
    const body = await readCappedBody(request, MAX_BODY_BYTES);
    if (!body) return false;
    const form = await new Response(new Blob([body as BlobPart]), {
      headers: { "Content-Type": contentType },
    }).formData();
    return form.getAll("List-Unsubscribe").length === 1 && form.get("List-Unsubscribe") === "One-Click";
  } catch {
    return false;
  }
}

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const requestLocale = negotiateLocale(request.headers.get("accept-language"));
  if (!(await isOneClick(request))) {
    return answer(400, translatorFor(requestLocale, "unsubscribeOneClick")("badRequest"));
  }
  const result = await withdrawByLink(token, { userAgent: request.headers.get("user-agent") });
  if (result.outcome === "invalid") return answer(404, translatorFor(requestLocale, "unsubscribeOneClick")("invalid"));
  const t = translatorFor(result.locale, "unsubscribeOneClick");
  const purpose = result.purposeName ?? result.purposeKey;
  switch (result.outcome) {
    case "withdrawn":
      return answer(200, t("withdrawn", { purpose }));
    case "already_off":
      return answer(200, t("alreadyOff", { purpose }));
    case "not_in_use":
      return answer(200, t("notInUse"));
    case "not_switchable":
      return answer(200, t("notSwitchable"));
  }
}
