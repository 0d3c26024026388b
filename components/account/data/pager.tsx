import Link from "next/link";
import { getTranslations } from "next-intl/server";

const linkClass =
  "inline-flex min-h-11 items-center rounded-md px-3 font-medium text-brand-900 underline underline-offset-4";

/** Links to the newest, newer and older pages, keeping the filters. */
export async function Pager({
  path,
  params,
  newer,
  older,
  atStart,
}: {
  path: string;
  /** The filters to keep (empty values are left out). */
  params: Record<string, string | null>;
  newer: string | null;
  older: string | null;
  atStart: boolean;
}) {
  if (atStart && !older) return null;
  const t = await getTranslations("data.pager");
  const href = (cursor: Record<string, string>) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...params, ...cursor })) if (value) query.set(name, value);
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  };
  return (
    <nav aria-label={t("label")} className="flex flex-wrap gap-2">
      {!atStart ? (
        <Link href={href({})} className={linkClass}>
          {t("newest")}
        </Link>
      ) : null}
      {newer ? (
        <Link href={href({ after: newer })} className={linkClass} rel="prev">
          {t("newer")}
        </Link>
      ) : null}
      {older ? (
        <Link href={href({ before: older })} className={linkClass} rel="next">
          {t("older")}
        </Link>
      ) : null}
    </nav>
  );
}
