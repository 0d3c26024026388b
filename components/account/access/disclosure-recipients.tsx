import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { DisclosureRecipientDto } from "@/lib/access-log/list-disclosures";
import { regionName } from "./region-name";

/** Each outside recipient once: who, how often, when last and for what. */
export async function DisclosureRecipients({
  recipients,
  labelledBy,
}: {
  recipients: DisclosureRecipientDto[];
  labelledBy: string;
}) {
  const [t, format, locale] = await Promise.all([getTranslations("access"), getFormatter(), getLocale()]);
  return (
    <ul aria-labelledby={labelledBy} className="space-y-2">
      {recipients.map((r) => (
        <li key={`${r.recipientName}|${r.recipientCountry}`} className="card">
          <p className="font-medium">
            {t("recipient", { name: r.recipientName, country: regionName(locale, r.recipientCountry) })}
          </p>
          <p className="text-sm">
            {t("recipientTimes", { times: r.times, date: format.dateTime(r.lastAt, { dateStyle: "long" }) })}
          </p>
          {r.purposeNames.length > 0 ? (
            <p className="text-sm">{t("recipientPurposes", { purposes: format.list(r.purposeNames) })}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
