import { getFormatter, getTranslations } from "next-intl/server";
import type { StaffAccessEntryDto } from "@/lib/access-log/staff-access-dto";

export async function StaffAccessList({ entries }: { entries: StaffAccessEntryDto[] }) {
  const t = await getTranslations("access");
  const format = await getFormatter();
  const role = (r: string) => (t.has(`role.${r}`) ? t(`role.${r}`) : t("role.other"));
  const field = (f: string | null) => (f && t.has(`field.${f}`) ? t(`field.${f}`) : t("field.other"));
  return (
    <ol className="space-y-3">
      {entries.map((entry) => (
        <li key={entry.id} className="card">
          <p className="font-medium">
            {entry.action === "reveal"
              ? t("revealed", { name: entry.staffName, role: role(entry.staffRole), field: field(entry.field) })
              : t("viewed", { name: entry.staffName, role: role(entry.staffRole) })}
            {entry.verified ? <span className="badge badge-granting ml-3">✓ {t("verified")}</span> : null}
          </p>
          <dl className="record mt-2 break-words">
            <dt>{t("when")}</dt>
            <dd>
              <time dateTime={entry.occurredAt.toISOString()}>
                {format.dateTime(entry.occurredAt, { dateStyle: "long", timeStyle: "short" })}
              </time>
            </dd>
            {entry.justification ? (
              <>
                <dt>{t("justificationLabel")}</dt>
                <dd>{t(`justification.${entry.justification}`)}</dd>
              </>
            ) : null}
            {entry.caseReference ? (
              <>
                <dt>{t("caseReference")}</dt>
                <dd>{entry.caseReference}</dd>
              </>
            ) : null}
            <dt>{t("reason")}</dt>
            <dd>{entry.reasonCode ? t(`reasonCode.${entry.reasonCode}`) : entry.reason}</dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
