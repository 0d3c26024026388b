import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { CategoryOverviewDto } from "@/lib/data-inventory/get-data-overview";
import { retentionValues } from "@/lib/data-inventory/retention-values";
import { countryName } from "@/lib/i18n/country-name";

/** One category on the data page: how much, from where, for what, kept how long, shared with whom. */
export async function CategoryCard({ category, now }: { category: CategoryOverviewDto; now: Date }) {
  const t = await getTranslations("data");
  const tp = await getTranslations("purposes");
  const tm = await getTranslations("moreDetails");
  const format = await getFormatter();
  const locale = await getLocale();
  const key = category.key;
  const headingId = `category-${key}`;
  const date = (d: Date) => format.dateTime(d, { dateStyle: "long" });

  let deletion: string;
  if (category.count === 0 || !category.oldestAt) deletion = t("nothingHeld");
  else if (!category.deletesAt) deletion = t("heldSince", { oldest: date(category.oldestAt) });
  else if (category.deletesAt <= now) deletion = t("deletionDue", { oldest: date(category.oldestAt) });
  else deletion = t("deletesOn", { oldest: date(category.oldestAt), deletes: date(category.deletesAt) });

  return (
    <article aria-labelledby={headingId} className="card">
      {/* The summary: what, how much and until when. Where from, for what and to whom on demand. */}
      <div className="flex flex-wrap items-baseline justify-between gap-x-4">
        <h3 id={headingId} className="text-lg font-semibold">
          {t(`categories.${key}.name`)}
        </h3>
        <p className="font-medium">{t(`categories.${key}.count`, { count: category.count })}</p>
      </div>
      <p className="text-slate-700">{t(`categories.${key}.description`)}</p>
      {category.byChannel && category.byChannel.length > 0 ? (
        <p className="text-sm text-slate-700">
          <span className="sr-only">{t("byChannel")}: </span>
          {format.list(
            category.byChannel.map((c) => t("channelCount", { channel: t(`channels.${c.channel}`), count: c.count })),
            { type: "unit" },
          )}
        </p>
      ) : null}
      <p className="mt-1 text-sm">{deletion}</p>
      <div className="mt-1 flex flex-wrap items-center gap-x-6">
        <Link href={`/account/data/${key}`} className="link font-medium">
          {t(`categories.${key}.link`)}
        </Link>
        <details className="group text-sm open:basis-full">
          <summary className="summary-inline">
            <span aria-hidden="true" className="transition-transform group-open:rotate-90">
              ▸
            </span>
            {tm("category")}
            <span className="sr-only">: {t(`categories.${key}.name`)}</span>
          </summary>
          <dl className="facts mt-2">
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
                        {t(p.inUse ? "purposeInUse" : "purposeOff", {
                          name: p.name,
                          basis: tp(`basis.${p.legalBasis}`),
                        })}
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
              <dd>{t(`categories.${key}.retention`, retentionValues(category.retention))}</dd>
            </div>
          </dl>
        </details>
      </div>
    </article>
  );
}
