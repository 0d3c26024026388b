import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { listCustomerPurposes } from "@/lib/consent/list-customer-purposes";
import { getCustomerOverview } from "@/lib/customers/get-customer-overview";
import type { Locale } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountHomePage() {
  const actor = await currentActor();
  const locale = (await getLocale()) as Locale;
  const [t, overview, purposes] = await Promise.all([
    getTranslations("account"),
    getCustomerOverview(actor),
    listCustomerPurposes(actor, locale),
  ]);
  const switchable = purposes.filter((p) => p.switchable);
  const granted = switchable.filter((p) => p.granted).length;
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">{t("greeting", { name: overview.givenName })}</h1>
      <p>{t("intro")}</p>
      <section aria-labelledby="consent-summary" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="consent-summary" className="text-xl font-semibold">
          {t("consentSummaryTitle")}
        </h2>
        <p className="mt-2">{t("consentSummary", { granted, withdrawn: switchable.length - granted })}</p>
        <Link href="/account/purposes" className="mt-3 inline-block font-medium text-brand-900 underline">
          {t("managePurposes")}
        </Link>
      </section>
    </div>
  );
}
