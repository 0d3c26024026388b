import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { purposeCardMessages } from "@/components/account/purpose-card-messages";
import { PurposeCard } from "@/components/account/purpose-card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { giveWithdrawalReasonAction, setConsentAction } from "./actions";
import { computeBenefits } from "@/lib/consent/benefits";
import { listCustomerPurposes, listRetiredPurposes } from "@/lib/consent/list-customer-purposes";
import { currentActor } from "@/lib/current-actor";
import type { Locale } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("purposes"))("title") };
}

export default async function PurposesPage() {
  const t = await getTranslations("purposes");
  const actor = await currentActor();
  const locale = (await getLocale()) as Locale;
  const purposes = await listCustomerPurposes(actor, locale);
  const retired = await listRetiredPurposes(actor, locale);
  const benefits = await computeBenefits(actor, purposes);
  const choices = purposes.filter((p) => p.switchable || p.objectable);
  const required = purposes.filter((p) => !p.switchable && !p.objectable);
  const restrictedSince = purposes.find((p) => p.restrictedSince)?.restrictedSince ?? null;
  const [tr, format] = await Promise.all([getTranslations("requests.restriction"), getFormatter()]);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p>{t("intro")}</p>
        <Link href="/account/purposes/history" className="link">
          {(await getTranslations("consentHistory"))("linkFromPurposes")}
        </Link>
        {restrictedSince ? (
          <p className="rounded-md border-2 border-amber-700 bg-amber-50 p-3">
            {tr.rich("pausedBanner", {
              date: format.dateTime(restrictedSince, { dateStyle: "long" }),
              link: (chunks) => (
                <Link href="/account/requests" className="text-brand-900 underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        ) : null}
      </div>
      {/* One wrapper for both lists: each ClientMessages sends its messages again. */}
      <ClientMessages namespaces={purposeCardMessages}>
        <section aria-labelledby="choices-heading" className="space-y-4">
          <h2 id="choices-heading" className="text-2xl font-semibold">
            {t("yourChoices")}
          </h2>
          {choices.map((p) => (
            <PurposeCard
              key={p.key}
              purpose={p}
              benefit={benefits.get(p.key)}
              setConsent={setConsentAction}
              giveReason={giveWithdrawalReasonAction}
              facts="linked"
            />
          ))}
        </section>
        <section aria-labelledby="required-heading" className="space-y-4">
          <h2 id="required-heading" className="text-2xl font-semibold">
            {t("required")}
          </h2>
          <p>{t("requiredIntro")}</p>
          {required.map((p) => (
            <PurposeCard
              key={p.key}
              purpose={p}
              benefit={benefits.get(p.key)}
              setConsent={setConsentAction}
              facts="linked"
            />
          ))}
        </section>
      </ClientMessages>
      {retired.length > 0 ? (
        <section aria-labelledby="retired-heading" className="space-y-2">
          <h2 id="retired-heading" className="text-2xl font-semibold">
            {t("retiredTitle")}
          </h2>
          <p>{t("retiredIntro")}</p>
          <ul className="list-disc space-y-1 pl-6">
            {retired.map((p) => (
              <li key={p.key}>
                {p.retiredAt
                  ? t("retiredSince", { name: p.name, date: format.dateTime(p.retiredAt, { dateStyle: "long" }) })
                  : t("retiredNoDate", { name: p.name })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
