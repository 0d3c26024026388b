import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PurposeAnalyticsView } from "@/components/studio/analytics/purpose-analytics";
import { AFTER_DAYS, readPurposeAnalytics } from "@/lib/analytics/consent-analytics";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";

type Props = { params: Promise<{ key: string }> };

// Once per request: the title and the page read the same figures.
const load = cache(async (key: string) => {
  const locale = (await getLocale()) as Locale;
  try {
    return await readPurposeAnalytics(await currentActor(), { purposeKey: key, locale });
  } catch (error) {
    if (isAppError(error) && ["not_found", "forbidden", "unauthenticated"].includes(error.code)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  const t = await getTranslations("studio.analytics");
  const analytics = await load(key);
  return { title: t("detailTitle", { name: analytics.name }) };
}

export default async function PurposeAnalyticsPage({ params }: Props) {
  const { key } = await params;
  const [analytics, t] = await Promise.all([load(key), getTranslations("studio.analytics")]);
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">{t("detailTitle", { name: analytics.name })}</h1>
      <ClientMessages namespaces={["studio.analytics", "withdrawalReason.reasons"]}>
        <PurposeAnalyticsView initial={analytics} afterDays={AFTER_DAYS} />
      </ClientMessages>
    </div>
  );
}
