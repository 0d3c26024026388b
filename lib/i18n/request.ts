import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { catalogues } from "@/messages";
import { isLocale, localeCookie, negotiateLocale, timeZone, type Locale } from "./locales";

export async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(localeCookie)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

// `locale`: a server component that asks for another language than the reader's (the studio
// shows a purpose in both, `getTranslations({ locale })`); otherwise the reader's own.
export default getRequestConfig(async ({ locale: asked }) => {
  const locale = isLocale(asked) ? asked : await resolveLocale();
  return {
    locale,
    messages: catalogues[locale],
    timeZone,
  };
});
