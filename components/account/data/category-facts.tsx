import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { CategoryOverviewDto } from "@/lib/data-inventory/get-data-overview";
import { retentionValues } from "@/lib/data-inventory/retention-values";
import { countryName } from "@/lib/i18n/country-name";

/** On a category's own page: where its data comes from, what it is used for, who receives it, how long it is kept. */
export async function CategoryFacts({ category }: { category: CategoryOverviewDto }) {
  const [t, tp, format, locale] = await Promise.all([
    getTranslations("data"),
    getTranslations("purposes"),
    getFormatter(),
    getLocale(),
  ]);
  return (
    <dl className="facts card">
      <div>
        <dt>{t("source")}</dt>
        <dd>
          {category.source.kind === "partner"
            ? t("sources.partner", { partner: category.source.partner })
            : t(`sources.${category.source.kind}`)}
        </dd>
      </div>
      <div>
        <dt>{t("usedFor")}</dt>
        <dd>
          {category.purposes.length === 0 ? (
            t("noPurposes")
          ) : (
            <ul className="space-y-1">
              {category.purposes.map((p) => (
                <li key={p.key} className={p.inUse ? undefined : "text-slate-700"}>
                  {t(p.inUse ? "purposeInUse" : "purposeOff", { name: p.name, basis: tp(`basis.${p.legalBasis}`) })}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div>
        <dt>{t("sharedWith")}</dt>
        <dd>
          {category.recipients.length === 0
            ? t("noRecipients")
            : format.list(
                category.recipients.map((r) =>
                  tp("recipient", { name: r.name, country: countryName(r.country, locale), role: r.role }),
                ),
              )}
        </dd>
      </div>
      <div>
        <dt>{t("keptFor")}</dt>
        <dd>{t(`categories.${category.key}.retention`, retentionValues(category.retention))}</dd>
      </div>
    </dl>
  );
}
