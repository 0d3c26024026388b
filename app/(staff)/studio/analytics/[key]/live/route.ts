import { getLocale } from "next-intl/server";
import { readPurposeAnalytics } from "@/lib/analytics/consent-analytics";
import type { Locale } from "@/lib/i18n/locales";
import { liveJson, notFound } from "../../live-json";

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const locale = (await getLocale()) as Locale;
  return liveJson((actor) => readPurposeAnalytics(actor, { purposeKey: key, locale }));
}

export { notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
