import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import nb from "@/messages/nb.json";
import type { Locale } from "./locales";

const catalogues = { nb, en } as const;

/** Translations outside a React render (mail, logs shown to users). */
export function translatorFor<N extends keyof typeof en>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: catalogues[locale] as typeof en, namespace });
}
