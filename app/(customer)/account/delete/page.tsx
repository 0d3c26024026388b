import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ErasureBanner, ErasureConfirm } from "@/components/account/erasure/erasure-panel";
import { erasureBannerMessages, erasureConfirmMessages } from "@/components/account/erasure/erasure-panel-messages";
import { ClientMessages } from "@/components/i18n/client-messages";
import { hasRecentSignIn } from "@/lib/auth/recent-sign-in";
import { currentActor } from "@/lib/current-actor";
import { countryName } from "@/lib/i18n/country-name";
import { getErasureOverview } from "@/lib/erasure/get-erasure-overview";
import type { Locale } from "@/lib/i18n/locales";
import { cancelErasureAction, requestErasureAction, sendErasureLinkAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("erasure"))("title") };
}

const sectionClass = "card p-5";

export default async function DeleteAccountPage() {
  const actor = await currentActor();
  const locale = (await getLocale()) as Locale;
  const [t, tData, format, overview] = await Promise.all([
    getTranslations("erasure"),
    getTranslations("data"),
    getFormatter(),
    getErasureOverview(actor, locale),
  ]);
  const day = (isoDate: string) => format.dateTime(new Date(`${isoDate}T12:00:00Z`), { dateStyle: "long" });
  const scheduled = overview.scheduled
    ? { requestId: overview.scheduled.requestId, scheduledFor: overview.scheduled.scheduledFor.toISOString() }
    : null;
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <ClientMessages namespaces={erasureBannerMessages}>
        <ErasureBanner scheduled={scheduled} cancel={cancelErasureAction} />
      </ClientMessages>

      <section aria-labelledby="deleted-heading" className={sectionClass}>
        <h2 id="deleted-heading" className="text-xl font-semibold">
          {t("deletedHeading")}
        </h2>
        <p className="mt-1">{t("deletedIntro")}</p>
        <ul className="mt-3 list-disc space-y-1 pl-6">
          {overview.categories.map((c) => (
            <li key={c.key}>
              {t("categoryCount", {
                name: tData(`categories.${c.key}.name`),
                count: tData(`categories.${c.key}.count`, { count: c.count }),
              })}
            </li>
          ))}
          {overview.other.map((o) => (
            <li key={o.key}>{t(`other.${o.key}`, { count: o.count })}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="kept-heading" className={sectionClass}>
        <h2 id="kept-heading" className="text-xl font-semibold">
          {t("keptHeading")}
        </h2>
        {overview.keptInvoices.length === 0 ? (
          <p className="mt-1">{t("keptNone")}</p>
        ) : (
          <>
            <p className="mt-1">{t("keptIntro")}</p>
            <ul className="mt-3 list-disc space-y-1 pl-6">
              {overview.keptInvoices.map((group) => (
                <li key={group.year}>
                  {t("keptGroup", { count: group.orders, year: String(group.year), date: day(group.keepUntil) })}
                </li>
              ))}
            </ul>
          </>
        )}
        {overview.ordersPastRetention > 0 ? (
          <p className="mt-2">{t("pastRetention", { count: overview.ordersPastRetention })}</p>
        ) : null}
      </section>

      <section aria-labelledby="recall-heading" className={sectionClass}>
        <h2 id="recall-heading" className="text-xl font-semibold">
          {t("notRecallHeading")}
        </h2>
        <p className="mt-1">{t("receipts")}</p>
        {overview.recipients.length === 0 ? (
          <p className="mt-2">{t("noRecipients")}</p>
        ) : (
          <>
            <p className="mt-2">{t(overview.notified.length > 0 ? "recipientsIntro" : "recipientsIntroAsk")}</p>
            <ul className="mt-2 list-disc space-y-1 pl-6">
              {overview.recipients.map((r) => (
                <li key={`${r.name}-${r.country}`}>
                  {t("recipient", { name: r.name, country: countryName(r.country, locale) })}
                </li>
              ))}
            </ul>
          </>
        )}
        {overview.notified.length === 0 ? null : (
          <>
            <p className="mt-2">{t("notifiedIntro")}</p>
            <ul className="mt-2 list-disc space-y-1 pl-6">
              {overview.notified.map((r) => (
                <li key={`${r.name}-${r.country}`}>
                  {t("recipient", { name: r.name, country: countryName(r.country, locale) })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {scheduled ? null : (
        <section aria-labelledby="confirm-heading" className={sectionClass}>
          <h2 id="confirm-heading" className="text-xl font-semibold">
            {t("graceHeading", { days: overview.graceDays })}
          </h2>
          <p className="mt-1 mb-4">{t("graceText", { days: overview.graceDays })}</p>
          <h3 className="mb-2 text-lg font-semibold">{t("confirmHeading")}</h3>
          <ClientMessages namespaces={erasureConfirmMessages}>
            <ErasureConfirm
              recentSignIn={actor ? hasRecentSignIn(actor) : false}
              wouldRunOn={overview.wouldRunOn.toISOString()}
              confirm={requestErasureAction}
              sendLink={sendErasureLinkAction}
            />
          </ClientMessages>
        </section>
      )}
    </div>
  );
}
