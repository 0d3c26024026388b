import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { privacyContacts } from "@/lib/privacy/contacts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacyNotice"))("title") };
}

const linkClass = "link-text";

function PageLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className={linkClass}>
      {children}
    </Link>
  );
}

function MailLink({ email, children }: { email: string; children: ReactNode }) {
  return (
    <a href={`mailto:${email}`} className={`${linkClass} break-all`}>
      {children}
    </a>
  );
}

// Public and short: who answers for the data, what the customer may do, and where.
export default async function PrivacyNoticePage() {
  const t = await getTranslations("privacyNotice");
  const { controller, dpo } = privacyContacts();
  const rights = ["access", "rectification", "erasure", "restriction", "objection", "withdraw"] as const;
  return (
    <div className="max-w-2xl space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p>{t("intro")}</p>
      </div>

      <section aria-labelledby="controller-heading" className="space-y-2">
        <h2 id="controller-heading" className="text-xl font-semibold">
          {t("controllerHeading")}
        </h2>
        <p>
          {t.rich("controller", {
            name: controller.name,
            email: controller.email,
            mail: (chunks) => <MailLink email={controller.email}>{chunks}</MailLink>,
          })}
        </p>
        <p>{t.rich("dpo", { email: dpo.email, mail: (chunks) => <MailLink email={dpo.email}>{chunks}</MailLink> })}</p>
      </section>

      <section aria-labelledby="use-heading" className="space-y-2">
        <h2 id="use-heading" className="text-xl font-semibold">
          {t("useHeading")}
        </h2>
        <p>
          {t.rich("use", {
            purposes: (chunks) => <PageLink href="/account/purposes">{chunks}</PageLink>,
            data: (chunks) => <PageLink href="/account/data">{chunks}</PageLink>,
          })}
        </p>
        <p>{t.rich("access", { link: (chunks) => <PageLink href="/account/access">{chunks}</PageLink> })}</p>
      </section>

      <section aria-labelledby="rights-heading" className="space-y-2">
        <h2 id="rights-heading" className="text-xl font-semibold">
          {t("rightsHeading")}
        </h2>
        <ul className="list-disc space-y-1 pl-6">
          {rights.map((right) => (
            <li key={right}>{t(`rights.${right}`)}</li>
          ))}
        </ul>
        <p>{t.rich("howToUse", { link: (chunks) => <PageLink href="/account/requests">{chunks}</PageLink> })}</p>
        <p>{t("complaint")}</p>
      </section>

      <Link
        href="/account"
        className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-900"
      >
        {t("toAccount")}
      </Link>
    </div>
  );
}
