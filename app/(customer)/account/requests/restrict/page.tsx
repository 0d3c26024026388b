import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RestrictionForm } from "@/components/account/requests/request-forms";
import { ClientMessages } from "@/components/i18n/client-messages";
import { restrictionGrounds } from "@/lib/requests/request-schema";
import { restrictProcessingAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("requests"))("restriction.title") };
}

export default async function RestrictPage() {
  const t = await getTranslations("requests");
  return (
    <div className="max-w-2xl space-y-6">
      <Link href="/account/requests" className="font-medium text-brand-900 underline">
        {t("detail.back")}
      </Link>
      <h1 className="text-3xl font-semibold">{t("restriction.title")}</h1>
      <p>{t("restriction.intro")}</p>
      <ClientMessages namespaces={["requests.restriction"]}>
        <RestrictionForm
          action={restrictProcessingAction}
          grounds={restrictionGrounds.map((value) => ({ value, label: t(`restriction.grounds.${value}`) }))}
        />
      </ClientMessages>
    </div>
  );
}
