import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { consentSwitchMessages } from "@/components/account/consent-switch-messages";
import { ErasureBanner } from "@/components/account/erasure/erasure-panel";
import { erasureBannerMessages } from "@/components/account/erasure/erasure-panel-messages";
import { ExportReadyNotice } from "@/components/account/export/export-ready-notice";
import { ConsentPrompts, HomeConsents } from "@/components/account/home-consents";
import { HeldSummaryList } from "@/components/account/held-summary-list";
import { PreferencesSummary } from "@/components/account/preferences/preferences-summary";
import { ClientMessages } from "@/components/i18n/client-messages";
import { recentStaffAccess } from "@/lib/access-log/recent-staff-access";
import { accessEntryTitle } from "@/components/account/access/access-entry-title";
import { listCustomerPurposes } from "@/lib/consent/list-customer-purposes";
import { currentActor } from "@/lib/current-actor";
import { getCustomerOverview } from "@/lib/customers/get-customer-overview";
import { getDataOverview } from "@/lib/data-inventory/get-data-overview";
import { getScheduledErasure } from "@/lib/erasure/get-erasure-overview";
import { readyExport } from "@/lib/export/list-exports";
import type { Locale } from "@/lib/i18n/locales";
import { getCommunicationPreferences } from "@/lib/preferences/get-communication-preferences";
import { cancelErasureAction } from "./delete/actions";
import { giveWithdrawalReasonAction, setConsentAction } from "./purposes/actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

const sectionClass = "card p-5";
const linkClass = "more-link";

// The five-second summary: what is held, what is switched on, who looked. Each links on.
export default async function AccountHomePage() {
  const actor = await currentActor();
  const locale = (await getLocale()) as Locale;
  const [t, tData, tAccess, tErasure, tExport, format, overview, purposes, held, access, preferences, erasure, ready] =
    await Promise.all([
      getTranslations("account"),
      getTranslations("data"),
      getTranslations("access"),
      getTranslations("erasure"),
      getTranslations("export"),
      getFormatter(),
      getCustomerOverview(actor),
      listCustomerPurposes(actor, locale),
      getDataOverview(actor, locale),
      recentStaffAccess(actor, { limit: 3 }),
      getCommunicationPreferences(actor, locale),
      getScheduledErasure(actor),
      readyExport(actor),
    ]);
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">{t("greeting", { name: overview.givenName })}</h1>
      <ClientMessages namespaces={erasureBannerMessages}>
        <ErasureBanner
          scheduled={
            erasure ? { requestId: erasure.requestId, scheduledFor: erasure.scheduledFor.toISOString() } : null
          }
          cancel={cancelErasureAction}
        />
      </ClientMessages>
      <p>{t("intro")}</p>
      {ready?.expiresAt ? <ExportReadyNotice expiresAt={ready.expiresAt} target={{ page: "/account/export" }} /> : null}
      <ConsentPrompts purposes={purposes} setConsent={setConsentAction} />

      <section aria-labelledby="held-summary" className={sectionClass}>
        <h2 id="held-summary" className="text-xl font-semibold">
          {t("heldTitle")}
        </h2>
        <HeldSummaryList
          categories={held.map((category) => ({
            key: category.key,
            name: tData(`categories.${category.key}.name`),
            count: tData(`categories.${category.key}.count`, { count: category.count }),
          }))}
        />
        <Link href="/account/data" className={linkClass}>
          {t("seeAllData")}
        </Link>
      </section>

      <ClientMessages namespaces={consentSwitchMessages}>
        <HomeConsents purposes={purposes} setConsent={setConsentAction} giveReason={giveWithdrawalReasonAction} />
      </ClientMessages>

      <PreferencesSummary preferences={preferences} />

      <section aria-labelledby="access-summary" className={sectionClass}>
        <h2 id="access-summary" className="text-xl font-semibold">
          {t("accessTitle")}
        </h2>
        {access.length === 0 ? (
          <p className="mt-2">{tAccess("staffEmpty")}</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {access.map((entry) => {
              return (
                <li key={entry.id}>
                  <span className="font-medium">{accessEntryTitle(tAccess, entry, locale)}</span>
                  {" · "}
                  {format.dateTime(entry.occurredAt, { dateStyle: "medium" })}
                  <span className="block text-sm text-slate-700">
                    {entry.reasonCode ? tAccess(`reasonCode.${entry.reasonCode}`) : entry.reason}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        <Link href="/account/access" className={linkClass}>
          {t("seeAccess")}
        </Link>
      </section>

      <section aria-labelledby="rights-summary" className={sectionClass}>
        <h2 id="rights-summary" className="text-xl font-semibold">
          {tExport("rightsTitle")}
        </h2>
        <p className="mt-2">{tExport("rightsIntro")}</p>
        <p className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
          <Link href="/account/export" className="link-strong">
            {tExport("rightsExport")}
          </Link>
          <Link href="/account/requests" className="link-strong">
            {tExport("rightsRequests")}
          </Link>
          <Link href="/account/delete" className="link-strong">
            {tErasure("homeLink")}
          </Link>
        </p>
      </section>
    </div>
  );
}
