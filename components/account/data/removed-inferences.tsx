import { getFormatter, getTranslations } from "next-intl/server";
import type { RejectedInferenceDto } from "@/lib/data-inventory/list-inferences";

/** Inferences the customer removed: kept only as the fact, so that they are not derived again. */
export async function RemovedInferences({ items }: { items: RejectedInferenceDto[] }) {
  if (items.length === 0) return null;
  const t = await getTranslations("data.inferences");
  const format = await getFormatter();
  return (
    <div aria-labelledby="removed-inferences-heading" role="group" className="space-y-2">
      <h3 id="removed-inferences-heading" className="text-lg font-semibold">
        {t("removedHeading")}
      </h3>
      <p className="text-sm text-slate-700">{t("removedIntro")}</p>
      <ul className="list-disc space-y-1 pl-6">
        {items.map((item) => (
          <li key={item.id}>
            {t("removedItem", { label: item.label, date: format.dateTime(item.rejectedAt, { dateStyle: "long" }) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
