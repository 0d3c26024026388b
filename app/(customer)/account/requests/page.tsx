import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { RequestList } from "@/components/account/requests/request-list";
import { listCustomerPurposes } from "@/lib/consent/list-customer-purposes";
import { currentActor } from "@/lib/current-actor";
import type { Locale } from "@/lib/i18n/locales";
import { listRequests } from "@/lib/requests/list-requests";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("requests"))("title") };
}

const entries = [
  { key: "export", href: "/account/export" },
  { key: "erasure", href: "/account/delete" },
  { key: "restrict", href: "/account/requests/restrict" },
  { key: "object", href: "/account/requests/object" },
  { key: "rectify", href: "/account/requests/correct" },
] as const;

export default async function RequestsPage() {
  const actor = await currentActor();
  const [t, requests, locale] = await Promise.all([getTranslations("requests"), listRequests(actor), getLocale()]);
  // Objections are titled by the purposes they name.
  const purposeNames = requests.some((r) => r.details.purposeKeys?.length)
    ? new Map((await listCustomerPurposes(actor, locale as Locale)).map((p) => [p.key, p.name]))
    : new Map<string, string>();
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p className="max-w-2xl">{t("intro")}</p>
      </div>

      <section aria-labelledby="rights-heading" className="space-y-2">
        <h2 id="rights-heading" className="text-xl font-semibold">
          {t("rights.heading")}
        </h2>
        <ul className="max-w-2xl list-disc space-y-1 pl-6">
          {(["access", "rectification", "erasure", "restriction", "objection"] as const).map((right) => (
            <li key={right}>{t(`rights.${right}`)}</li>
          ))}
        </ul>
        <p className="max-w-2xl">{t("rights.deadline")}</p>
      </section>

      <section aria-labelledby="make-heading" className="space-y-3">
        <h2 id="make-heading" className="text-xl font-semibold">
          {t("makeHeading")}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {entries.map((entry) => (
            <li key={entry.key} className="card">
              <Link href={entry.href} className="font-medium text-brand-900 underline">
                {t(`entry.${entry.key}`)}
              </Link>
              <p className="mt-1 text-sm text-slate-700">{t(`entry.${entry.key}Hint`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="list-heading" className="space-y-3">
        <h2 id="list-heading" className="text-xl font-semibold">
          {t("listHeading")}
        </h2>
        {requests.length === 0 ? <p>{t("empty")}</p> : <RequestList requests={requests} purposeNames={purposeNames} />}
      </section>
    </div>
  );
}
