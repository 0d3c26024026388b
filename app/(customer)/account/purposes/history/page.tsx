import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/account/data/pager";
import { ConsentHistoryList } from "@/components/account/history/consent-history-list";
import { consentHistoryListMessages } from "@/components/account/history/consent-history-messages";
import { HistoryFilter } from "@/components/account/history/history-filter";
import { ClientMessages } from "@/components/i18n/client-messages";
import { parseHistoryParams } from "@/lib/consent/history-params";
import { toHistoryItem } from "@/lib/consent/history-item";
import { listCarriedOverUpdates } from "@/lib/consent/list-carried-over-updates";
import { listConsentHistory } from "@/lib/consent/list-consent-history";
import { currentActor } from "@/lib/current-actor";
import type { Locale } from "@/lib/i18n/locales";
import type { SearchParams } from "@/lib/pagination/list-query";

const path = "/account/purposes/history";
const linkClass = "link font-medium";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("consentHistory"))("title") };
}

export default async function ConsentHistoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { query, purposeKey, issues } = parseHistoryParams(await searchParams);
  const [t, locale, actor] = await Promise.all([getTranslations("consentHistory"), getLocale(), currentActor()]);
  const page = await listConsentHistory(actor, { query, purposeKey, locale: locale as Locale });
  const updates = query.cursor === null ? await listCarriedOverUpdates(actor, locale as Locale) : [];
  const format = await getFormatter();
  const unknownPurpose = page.unknownPurpose || issues.includes("purpose");
  return (
    <div className="space-y-6">
      <Link href="/account/purposes" className={linkClass}>
        {t("back")}
      </Link>
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p className="max-w-2xl">{t("intro")}</p>
        <p>
          <Link href="/receipts/verify" className={linkClass}>
            {t("verifyLink")}
          </Link>
        </p>
      </div>
      {updates.length > 0 ? (
        <section aria-labelledby="updates-heading" className="space-y-2">
          <h2 id="updates-heading" className="text-2xl font-semibold">
            {t("updatesHeading")}
          </h2>
          <ul className="list-disc space-y-1 pl-6">
            {updates.map((u) => (
              <li key={`${u.key}-${u.version}`}>
                {t("carriedOver", {
                  name: u.name,
                  version: u.version,
                  from: u.fromVersion,
                  date: u.publishedAt ? format.dateTime(u.publishedAt, { dateStyle: "long" }) : "",
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {issues.includes("cursor") ? <p className="rounded-md bg-amber-50 p-3">{t("issues.cursor")}</p> : null}
      <section aria-labelledby="events-heading" className="space-y-4">
        <h2 id="events-heading" className="text-2xl font-semibold">
          {t("eventsHeading")}
        </h2>
        <HistoryFilter
          path={path}
          purposes={page.purposes}
          selected={page.purposeKey}
          unknownPurpose={unknownPurpose}
        />
        {page.items.length > 0 ? (
          <ClientMessages namespaces={consentHistoryListMessages}>
            <ConsentHistoryList items={page.items.map(toHistoryItem)} />
          </ClientMessages>
        ) : (
          <p>{query.cursor ? t("pageEmpty") : t("empty")}</p>
        )}
        <Pager
          path={path}
          params={{ purpose: page.purposeKey }}
          newer={page.newer}
          older={page.older}
          atStart={query.cursor === null}
        />
      </section>
    </div>
  );
}
