import { getFormatter, getTranslations } from "next-intl/server";
import type { DataChangeDto } from "@/lib/profile/list-data-changes";

/** The customer's own changes, newest first: what, how, when (never the values). */
export async function RecentChanges({ changes }: { changes: DataChangeDto[] }) {
  const t = await getTranslations("profile");
  const format = await getFormatter();
  if (changes.length === 0) return <p>{t("noChanges")}</p>;
  return (
    <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {changes.map((change) => {
        const field = t.has(`changeField.${change.field}`) ? change.field : "other";
        return (
          <li key={change.id} className="flex flex-wrap justify-between gap-x-4 gap-y-1 px-4 py-3">
            <span className="font-medium">
              {t("change", { field: t(`changeField.${field}`), action: t(`changeAction.${change.action}`) })}
              {change.changedByName ? (
                <span className="font-normal"> {t("changedBy", { name: change.changedByName })}</span>
              ) : null}
            </span>
            <time dateTime={change.occurredAt.toISOString()} className="text-slate-700">
              {format.dateTime(change.occurredAt, { dateStyle: "medium", timeStyle: "short" })}
            </time>
          </li>
        );
      })}
    </ol>
  );
}
