import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { pickMessages, type MessagePath } from "@/lib/i18n/pick-messages";

/**
 * How a client component gets its messages (see ARCHITECTURE.md, "Messages in client
 * components"): the page or layout that shows it wraps it, once, and names every namespace
 * or message that it and its client children read with `useTranslations`. Only those are
 * sent to the browser; server components translate with `getTranslations` and send nothing.
 */
export async function ClientMessages({
  namespaces,
  locale,
  children,
}: {
  namespaces: readonly MessagePath[];
  /** Another language than the page's, for a region shown in it (the studio's preview). */
  locale?: Locale;
  children: ReactNode;
}) {
  const messages = await getMessages(locale ? { locale } : undefined);
  return (
    <NextIntlClientProvider messages={pickMessages(messages, namespaces)} {...(locale ? { locale } : {})}>
      {children}
    </NextIntlClientProvider>
  );
}
