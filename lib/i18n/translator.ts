// use-intl/core, not next-intl: the same function, and it also loads outside Next (scripts
// run with the react-server condition, where next-intl's entry pulls in client React).
import { createFormatter, createTranslator } from "use-intl/core";
import { catalogues, type Messages } from "@/messages";
import { timeZone, type Locale } from "./locales";

/** Translations outside a React render (mail, logs shown to users). */
export function translatorFor<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: catalogues[locale] as Messages, namespace });
}

/** Dates, numbers and lists outside a React render, formatted exactly as the site formats them. */
export function formatterFor(locale: Locale) {
  return createFormatter({ locale, timeZone });
}

/**
 * A message by its full dotted key, or null when the catalogue has none: for codes read
 * from stored data (a status, a channel), whose message is known only at run time.
 */
export function messageLookup(
  locale: Locale,
): (key: string, values?: Record<string, string | number>) => string | null {
  const t = createTranslator({ locale, messages: catalogues[locale] as Messages }) as unknown as {
    (key: string, values?: Record<string, string | number>): string;
    has(key: string): boolean;
  };
  return (key, values) => (t.has(key) ? t(key, values) : null);
}
