import { getLocale, getTranslations } from "next-intl/server";
import { locales } from "@/lib/i18n/locales";
import { SiteHeaderView } from "./site-header-view";

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
    <SiteHeaderView
      homeHref={homeHref}
      language={t("language")}
      languages={locales.map((l) => ({ locale: l, name: t(`languageName.${l}`), current: l === locale }))}
      signOutLabel={signedIn ? t("signOut") : null}
      setLocale={setLocale}
      signOut={signOut}
    />
  );
}
