import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ObjectionForm } from "@/components/account/requests/request-forms";
import { ClientMessages } from "@/components/i18n/client-messages";
import { listCustomerPurposes } from "@/lib/consent/list-customer-purposes";
import { currentActor } from "@/lib/current-actor";
import type { Locale } from "@/lib/i18n/locales";
import { objectToProcessingAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("requests"))("objection.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ObjectPage({ searchParams }: Props) {
  // Confirming an objection customer service filed: the action checks that it is theirs and waiting.
  const { confirms } = await searchParams;
  const locale = (await getLocale()) as Locale;
  const [t, purposes] = await Promise.all([
    getTranslations("requests"),
    listCustomerPurposes(await currentActor(), locale),
  ]);
  const item = (p: (typeof purposes)[number]) => ({ key: p.key, name: p.name, inUse: p.granted === true });
  return (
    <div className="max-w-2xl space-y-6">
      <Link href="/account/requests" className="font-medium text-brand-900 underline">
        {t("detail.back")}
      </Link>
      <h1 className="text-3xl font-semibold">{t("objection.title")}</h1>
      <p>{t("objection.intro")}</p>
      <ClientMessages namespaces={["requests.objection"]}>
        <ObjectionForm
          action={objectToProcessingAction}
          confirms={typeof confirms === "string" && /^[A-Za-z0-9-]{1,64}$/.test(confirms) ? confirms : undefined}
          groups={[
            { heading: t("objection.legitimateInterest"), purposes: purposes.filter((p) => p.objectable).map(item) },
            { heading: t("objection.consent"), purposes: purposes.filter((p) => p.switchable).map(item) },
          ]}
        />
      </ClientMessages>
    </div>
  );
}
