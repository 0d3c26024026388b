import { getFormatter, getTranslations } from "next-intl/server";
import type { StaffAccessEntryDto } from "@/lib/access-log/staff-access-dto";
import { StaffAccessItems, type StaffAccessItem } from "./staff-access-items";

export async function StaffAccessList({ entries }: { entries: StaffAccessEntryDto[] }) {
  const t = await getTranslations("access");
  const format = await getFormatter();
  const role = (r: string) => (t.has(`role.${r}`) ? t(`role.${r}`) : t("role.other"));
  const field = (f: string | null) => (f && t.has(`field.${f}`) ? t(`field.${f}`) : t("field.other"));
  const items: StaffAccessItem[] = entries.map((entry) => ({
    id: entry.id,
    title:
      entry.action === "reveal"
        ? t("revealed", { name: entry.staffName, role: role(entry.staffRole), field: field(entry.field) })
        : t("viewed", { name: entry.staffName, role: role(entry.staffRole) }),
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
