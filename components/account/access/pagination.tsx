import Link from "next/link";
import { getTranslations } from "next-intl/server";

const linkClass = "btn btn-secondary";

/** Newer/older links for a list ordered newest first; nothing when everything fits on one page. */
export async function Pagination({
  label,
  page,
  pageCount,
  hrefFor,
}: {
  label: string;
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const t = await getTranslations("access.pagination");
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-3">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={linkClass}>
          {t("previous")}
        </Link>
      ) : null}
      <p>{t("pageOf", { page, pageCount })}</p>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} className={linkClass}>
          {t("next")}
        </Link>
      ) : null}
    </nav>
  );
}
