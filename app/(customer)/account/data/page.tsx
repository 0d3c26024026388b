import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { CategoryCards } from "@/components/account/data/category-cards";
import { categoryCardsMessages } from "@/components/account/data/category-cards-messages";
import { categorySummaries } from "@/components/account/data/category-summaries";
import { Inferences } from "@/components/account/data/inferences";
import { ClientMessages } from "@/components/i18n/client-messages";
import { currentActor } from "@/lib/current-actor";
import { getDataOverview } from "@/lib/data-inventory/get-data-overview";
import { listInferences } from "@/lib/data-inventory/list-inferences";
import type { Locale } from "@/lib/i18n/locales";
import { rejectInferenceAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("data"))("title") };
}

export default async function DataPage() {
  const actor = await currentActor();
  const locale = (await getLocale()) as Locale;
  const [t, overview, inferences] = await Promise.all([
    getTranslations("data"),
    getDataOverview(actor, locale),
    listInferences(actor, locale),
  ]);
  const categories = await categorySummaries(overview, new Date());
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p>{t("intro")}</p>
      </div>
      <section aria-labelledby="held-heading" className="space-y-4">
        <h2 id="held-heading" className="text-2xl font-semibold">
          {t("whatWeHold")}
        </h2>
        <ClientMessages namespaces={categoryCardsMessages}>
          <CategoryCards categories={categories} />
        </ClientMessages>
      </section>
      <section aria-labelledby="inferences-heading" className="space-y-4">
        <h2 id="inferences-heading" className="text-2xl font-semibold">
          {t("categories.inferences.name")}
        </h2>
        <p>{t("inferences.intro")}</p>
        <Inferences inferences={inferences} reject={rejectInferenceAction} />
      </section>
    </div>
  );
}
