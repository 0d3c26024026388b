import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { SkipLink } from "@/components/layout/skip-link";
import { homePathFor } from "@/lib/auth/areas";
import { currentActor } from "@/lib/current-actor";
import { setLocaleAction, signOutAction } from "./actions";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: "Tillit", template: "%s · Tillit" }, description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("header");
  const actor = await currentActor();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <SkipLink label={t("skipToContent")} />
        <NextIntlClientProvider>
          <SiteHeader
            signedIn={actor !== null}
            homeHref={homePathFor(actor)}
            setLocale={setLocaleAction} signOut={signOutAction} />
          <main id="main" tabIndex={-1} className="mx-auto max-w-4xl px-4 py-8 focus:outline-none">
            {children}
          </main>
          <SiteFooter />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
