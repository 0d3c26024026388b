import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
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
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2"
        >
          {t("skipToContent")}
        </a>
        <SiteHeader
          signedIn={actor !== null}
          homeHref={homePathFor(actor)}
          setLocale={setLocaleAction} signOut={signOutAction} />
        <main id="main" className="mx-auto max-w-4xl px-4 py-8">
          {/* For app/error.tsx; a page's own client components get theirs from the page. */}
          <ClientMessages namespaces={["errorPage"]}>{children}</ClientMessages>
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
