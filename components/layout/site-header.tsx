import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { locales } from "@/lib/i18n/locales";

export async function SiteHeader({
  signedIn,
  homeHref,
  setLocale,
  signOut,
}: {
  signedIn: boolean;
  /** Where the logo leads: the signed-in person's own area, or the front page. */
  homeHref: string;
  setLocale: (formData: FormData) => Promise<void>;
  signOut: () => Promise<void>;
}) {
  const t = await getTranslations("header");
  const locale = await getLocale();
  return (
    <header className="site-header">
      <div className="site-header-bar">
        <Link href={homeHref} className="text-xl font-semibold text-brand-900">
          Tillit
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <form action={setLocale} aria-label={t("language")} className="flex items-center gap-1">
            {locales.map((l) => (
              <button
                key={l}
                type="submit"
                name="locale"
                value={l}
                lang={l}
                aria-pressed={l === locale}
                className="nav-link text-sm"
              >
                {t(`languageName.${l}`)}
              </button>
            ))}
          </form>
          {signedIn ? (
            <form action={signOut}>
              <button
                type="submit"
                className="sign-out"
              >
                {t("signOut")}
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </header>
  );
}
