import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { privacyContacts } from "@/lib/privacy/contacts";

/** On every page: the privacy notice, the transparency report, and who answers for the customer's data. */
export async function SiteFooter() {
  const [t, tf] = await Promise.all([getTranslations("siteFooter"), getTranslations("footer")]);
  const { controller, dpo } = privacyContacts();
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-4xl space-y-2 px-4 py-4 text-sm">
        <nav aria-label={t("label")}>
          <ul className="flex flex-wrap gap-x-6">
            <li>
              <Link href="/privacy" className="link">
                {tf("privacyNotice")}
              </Link>
            </li>
            <li>
              <Link href="/transparency" className="link">
                {tf("transparencyReport")}
              </Link>
            </li>
            <li>
              <Link href="/receipts/verify" className="link">
                {t("verifyReceipt")}
              </Link>
            </li>
          </ul>
        </nav>
        <dl className="facts">
          <div>
            <dt>{tf("controller")}</dt>
            <dd>
              {controller.name},{" "}
              <a href={`mailto:${controller.email}`} className="link-text break-all">
                {controller.email}
              </a>
            </dd>
          </div>
          <div>
            <dt>{tf("dpo")}</dt>
            <dd>
              <a href={`mailto:${dpo.email}`} className="link-text break-all">
                {dpo.email}
              </a>
            </dd>
          </div>
        </dl>
      </div>
    </footer>
  );
}
