// use-intl/core, not next-intl: the same function, and it also loads outside Next (scripts
// run with the react-server condition, where next-intl's entry pulls in client React).
import { createTranslator } from "use-intl/core";
import { catalogues, type Messages } from "@/messages";
import type { Locale } from "./locales";

/** Translations outside a React render (mail, logs shown to users). */
export function translatorFor<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: catalogues[locale] as Messages, namespace });
}
