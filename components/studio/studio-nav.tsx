import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The studio's own pages. */
export async function StudioNav() {
  const t = await getTranslations("studio.nav");
  return (
    <nav aria-label={t("label")}>
      <ul className="flex flex-wrap gap-4">
        <li>
          <Link href="/studio" className="link">
            {t("home")}
          </Link>
        </li>
        <li>
          <Link href="/studio/purposes" className="link">
            {t("purposes")}
          </Link>
        </li>
        <li>
          <Link href="/studio/analytics" className="link">
            {t("analytics")}
          </Link>
        </li>
        <li>
          <Link href="/studio/integrations" className="link">
            {t("integrations")}
          </Link>
        </li>
        <li>
          <Link href="/studio/audit" className="link">
            {t("audit")}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
