import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { DisclosureDto } from "@/lib/access-log/list-disclosures";
import { regionName } from "./region-name";

/** consent.changed → consentChanged: message keys cannot hold a dot. */
const webhookEventKey = (type: string) => type.replace(/\.([a-z])/g, (_, c: string) => c.toUpperCase());

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
            {d.webhook ? (
              <>
                <dt>{t("reference")}</dt>
                <dd>{t(`webhookEvent.${webhookEventKey(d.webhook.eventType)}`)}</dd>
                <dt>{t("delivery")}</dt>
                <dd>
                  {d.webhook.status === "delivered" && d.webhook.deliveredAt
                    ? t.rich("delivered", {
                        date: () => (
                          <time dateTime={d.webhook!.deliveredAt!.toISOString()}>
                            {format.dateTime(d.webhook!.deliveredAt!, { dateStyle: "long", timeStyle: "short" })}
                          </time>
                        ),
                      })
                    : t(d.webhook.status === "failed" ? "deliveryFailed" : "deliveryPending")}
                </dd>
              </>
            ) : d.reference ? (
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
