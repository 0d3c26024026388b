import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ConsentOverview } from "@/components/studio/analytics/consent-overview";
import { readConsentOverview } from "@/lib/analytics/consent-analytics";
import { currentActor } from "@/lib/current-actor";
import type { Locale } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studio.analytics"))("title") };
}

export default async function AnalyticsPage() {
  const locale = (await getLocale()) as Locale;
  const [overview, t] = await Promise.all([
    readConsentOverview(await currentActor(), locale),
    getTranslations("studio.analytics"),
  ]);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl">{t("intro")}</p>
      </div>
      <ClientMessages namespaces={["studio.analytics"]}>
        <ConsentOverview initial={overview} />
      </ClientMessages>
    </div>
  );
}
