import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { DisclosureDto } from "@/lib/access-log/list-disclosures";
import { regionName } from "./region-name";

export async function DisclosureList({
  disclosures,
  labelledBy,
}: {
  disclosures: DisclosureDto[];
  labelledBy?: string;
}) {
  const [t, tPurposes, format, locale] = await Promise.all([
    getTranslations("access"),
    getTranslations("purposes"),
    getFormatter(),
    getLocale(),
  ]);
  const country = (code: string) => regionName(locale, code);
  const category = (c: string) => (tPurposes.has(`categories.${c}`) ? tPurposes(`categories.${c}`) : c);
  return (
    <ol aria-labelledby={labelledBy} className="space-y-3">
      {disclosures.map((d) => (
        <li key={d.id} className="card">
          <p className="font-medium">
            {t("recipient", { name: d.recipientName, country: country(d.recipientCountry) })}
          </p>
          <dl className="record mt-2">
            <dt>{t("when")}</dt>
            <dd>
              <time dateTime={d.disclosedAt.toISOString()}>
                {format.dateTime(d.disclosedAt, { dateStyle: "long", timeStyle: "short" })}
              </time>
            </dd>
            <dt>{t("purpose")}</dt>
            <dd>{d.purposeName ?? t("unknownPurpose")}</dd>
            <dt>{t("dataShared")}</dt>
            <dd>{format.list(d.dataCategories.map(category))}</dd>
            {d.reference ? (
              <>
                <dt>{t("reference")}</dt>
                <dd className="break-words">{d.reference}</dd>
              </>
            ) : null}
          </dl>
        </li>
      ))}
    </ol>
  );
}
