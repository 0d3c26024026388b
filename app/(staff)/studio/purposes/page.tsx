import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/current-actor";
import type { Locale } from "@/lib/i18n/locales";
import { listStudioPurposes } from "@/lib/studio/list-studio-purposes";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studio.purposes"))("title") };
}

export default async function StudioPurposesPage() {
  const [t, format, locale] = await Promise.all([getTranslations("studio.purposes"), getFormatter(), getLocale()]);
  const rows = await listStudioPurposes(await currentActor(), locale as Locale);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl">{t("intro")}</p>
        <Link href="/studio/purposes/new" className="btn btn-primary">
          {t("newPurpose")}
        </Link>
      </div>
      {rows.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <table className="data-table">
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("key")}</th>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("draft")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td>
                  <code>{row.key}</code>
                </td>
                <td>{row.name || t("unnamed")}</td>
                <td>
                  {row.status === "published"
                    ? t("published", { version: row.publishedVersion ?? 0 })
                    : row.status === "retired"
                      ? t("retired", {
                          date: row.retiredAt ? format.dateTime(row.retiredAt, { dateStyle: "medium" }) : "",
                        })
                      : t("notPublished")}
                </td>
                <td>
                  {row.draft
                    ? row.draft.basedOnVersion === null
                      ? t("draftNew")
                      : t("draftFrom", { version: row.draft.basedOnVersion })
                    : t("noDraft")}
                </td>
                <td className="space-x-4">
                  <Link href={`/studio/purposes/${row.key}`} className="link">
                    {t("edit")}
                    <span className="sr-only">: {row.key}</span>
                  </Link>
                  {row.draft ? (
                    <Link href={`/studio/purposes/${row.key}/preview`} className="link">
                      {t("preview")}
                      <span className="sr-only">: {row.key}</span>
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
