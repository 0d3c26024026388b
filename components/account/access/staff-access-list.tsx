import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { StaffAccessEntryDto } from "@/lib/access-log/staff-access-dto";
import type { Locale } from "@/lib/i18n/locales";
import { accessEntryTitle } from "./access-entry-title";
import { StaffAccessItems, type StaffAccessItem } from "./staff-access-items";

export async function StaffAccessList({ entries }: { entries: StaffAccessEntryDto[] }) {
  const t = await getTranslations("access");
  const format = await getFormatter();
  const locale = (await getLocale()) as Locale;
  const items: StaffAccessItem[] = entries.map((entry) => ({
    id: entry.id,
    title: accessEntryTitle(t, entry, locale),
    verified: entry.verified ? t("verified") : null,
    iso: entry.occurredAt.toISOString(),
    when: format.dateTime(entry.occurredAt, { dateStyle: "long", timeStyle: "short" }),
    // A system-given reason already says why; an agent's own entry gets its category and case.
    justification:
      entry.justification && !entry.reasonCode
        ? entry.caseReference
          ? t("justificationWithCase", {
              justification: t(`justification.${entry.justification}`),
              caseReference: entry.caseReference,
            })
          : t(`justification.${entry.justification}`)
        : null,
    reason: entry.reasonCode ? t(`reasonCode.${entry.reasonCode}`) : entry.reason,
  }));
  return (
    <StaffAccessItems
      items={items}
      labels={{ when: t("when"), justification: t("justificationLabel"), reason: t("reason") }}
    />
  );
}
