import { createTranslator } from "next-intl";
import { catalogues, type Messages } from "@/messages";
import type { Locale } from "./locales";

/** Translations outside a React render (mail, logs shown to users). */
export function translatorFor<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: catalogues[locale] as Messages, namespace });
}
