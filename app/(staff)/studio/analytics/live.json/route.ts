import { getLocale } from "next-intl/server";
import { readConsentOverview } from "@/lib/analytics/consent-analytics";
import type { Locale } from "@/lib/i18n/locales";
import { liveJson, notFound } from "../live-json";

export async function GET() {
  const locale = (await getLocale()) as Locale;
  return liveJson((actor) => readConsentOverview(actor, locale));
}

export { notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
