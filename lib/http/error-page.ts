import { isLocale, localeCookie, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";

// The answer to a request refused before any page runs (proxy.ts, a route handler): a small
// page in the reader's language for a person (Accept: text/html), one localised line for
// anything else. No script, no style, nothing from the request echoed back.

export type HttpRefusal = { status: 400 | 403 | 413; kind: "badRequest" | "forbidden" | "payloadTooLarge" };

export const refusals = {
  badRequest: { status: 400, kind: "badRequest" },
  forbidden: { status: 403, kind: "forbidden" },
  payloadTooLarge: { status: 413, kind: "payloadTooLarge" },
} as const satisfies Record<string, HttpRefusal>;

/** The reader's language as the site picks it: the language cookie, else Accept-Language. */
export function localeOfRequest(headers: Headers): Locale {
  const cookie = headers.get("cookie") ?? "";
  const chosen = new RegExp(`(?:^|;\\s*)${localeCookie}=([^;]*)`).exec(cookie)?.[1];
  return isLocale(chosen) ? chosen : negotiateLocale(headers.get("accept-language"));
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function errorResponse(refusal: HttpRefusal, headers: Headers): Response {
  const locale = localeOfRequest(headers);
  const t = translatorFor(locale, "httpError");
  const title = t(`${refusal.kind}.title`);
  const body = t(`${refusal.kind}.body`);
  const responseHeaders = { "Cache-Control": "private, no-store, max-age=0", "Content-Language": locale };
  if (!(headers.get("accept") ?? "").includes("text/html")) {
    return new Response(`${title}. ${body}\n`, {
      status: refusal.status,
      headers: { ...responseHeaders, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const html = [
    "<!DOCTYPE html>",
    `<html lang="${locale}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>`,
    `<p><a href="/">${escapeHtml(t("home"))}</a></p></main></body></html>`,
  ].join("");
  return new Response(html, {
    status: refusal.status,
    headers: { ...responseHeaders, "Content-Type": "text/html; charset=utf-8" },
  });
}
