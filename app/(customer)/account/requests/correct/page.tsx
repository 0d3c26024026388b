import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RectificationForm } from "@/components/account/requests/request-forms";
import { ClientMessages } from "@/components/i18n/client-messages";
import { categoryKeys } from "@/lib/data-inventory/categories";
import { requestRectificationAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("requests"))("rectification.title") };
}

// Identity and contact details last: the customer corrects those on the profile page themselves.
const order = [...categoryKeys.filter((k) => k !== "identity" && k !== "contact"), "identity", "contact"] as const;

export default async function CorrectPage() {
  const [t, tData] = await Promise.all([getTranslations("requests"), getTranslations("data")]);
  return (
    <div className="max-w-2xl space-y-6">
      <Link href="/account/requests" className="font-medium text-brand-900 underline">
        {t("detail.back")}
      </Link>
      <h1 className="text-3xl font-semibold">{t("rectification.title")}</h1>
      <p>
        {t.rich("rectification.intro", {
          link: (chunks) => (
            <Link href="/account/profile" className="text-brand-900 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
      <ClientMessages namespaces={["requests.rectification"]}>
        <RectificationForm
          action={requestRectificationAction}
          categories={order.map((value) => ({ value, label: tData(`categories.${value}.name`) }))}
        />
      </ClientMessages>
    </div>
  );
}
