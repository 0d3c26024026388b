import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CategoryOverviewDto } from "@/lib/data-inventory/get-data-overview";
import type { CategorySummary } from "./category-cards";

/**
 * The texts of the data page's category cards, said on the server in the reader's
 * language, so the cards (a client component, see category-cards.tsx) get plain strings.
 */
export async function categorySummaries(overview: CategoryOverviewDto[], now: Date): Promise<CategorySummary[]> {
  const [t, format] = await Promise.all([getTranslations("data"), getFormatter()]);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "long" });
  return overview.map((category) => {
    const key = category.key;
    let deletion: string;
    if (category.count === 0 || !category.oldestAt) deletion = t("nothingHeld");
    else if (!category.deletesAt) deletion = t("heldSince", { oldest: date(category.oldestAt) });
    else if (category.deletesAt <= now) deletion = t("deletionDue", { oldest: date(category.oldestAt) });
    else deletion = t("deletesOn", { oldest: date(category.oldestAt), deletes: date(category.deletesAt) });
    return {
      key,
      name: t(`categories.${key}.name`),
      count: t(`categories.${key}.count`, { count: category.count }),
      description: t(`categories.${key}.description`),
      byChannel:
        category.byChannel && category.byChannel.length > 0
          ? format.list(
              category.byChannel.map((c) => t("channelCount", { channel: t(`channels.${c.channel}`), count: c.count })),
              { type: "unit" },
            )
          : null,
      deletion,
      link: t(`categories.${key}.link`),
    };
  });
}
