import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
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
        <SiteHeader
          signedIn={actor !== null}
          homeHref={homePathFor(actor)}
          setLocale={setLocaleAction}
          signOut={signOutAction}
        />
        <main id="main" tabIndex={-1} className="mx-auto max-w-4xl px-4 py-8 focus:outline-none">
          {/* For app/error.tsx; a page's own client components get theirs from the page. */}
          <ClientMessages namespaces={["errorPage"]}>{children}</ClientMessages>
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
