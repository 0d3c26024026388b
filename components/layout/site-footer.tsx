import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function SiteFooter() {
  const t = await getTranslations("siteFooter");
  return (
    <footer className="border-t border-slate-200 bg-white">
      <nav aria-label={t("label")} className="mx-auto max-w-4xl px-4 py-3">
        <Link href="/receipts/verify" className="inline-flex min-h-11 items-center text-sm text-brand-900 underline">
          {t("verifyReceipt")}
        </Link>
      </nav>
    </footer>
  );
}
