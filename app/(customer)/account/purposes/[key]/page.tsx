import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { purposeCardMessages } from "@/components/account/purpose-card-messages";
import { PurposeCard } from "@/components/account/purpose-card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { computeBenefits } from "@/lib/consent/benefits";
import { listCustomerPurposes } from "@/lib/consent/list-customer-purposes";
import { currentActor } from "@/lib/current-actor";
import type { Locale } from "@/lib/i18n/locales";
import { giveWithdrawalReasonAction, setConsentAction } from "../actions";

type Props = { params: Promise<{ key: string }> };

/** The purpose this customer is shown under that key, or the same 404 as any unknown page. */
const shownPurpose = cache(async (key: string) => {
  const actor = await currentActor();
  const purposes = await listCustomerPurposes(actor, (await getLocale()) as Locale);
  const purpose = purposes.find((p) => p.key === key);
  if (!purpose) notFound();
  return { purpose, benefit: (await computeBenefits(actor, [purpose])).get(purpose.key) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await shownPurpose((await params).key)).purpose.name };
}

/** Everything about one purpose: the card with its facts, and where its history is. */
export default async function PurposePage({ params }: Props) {
  const { key } = await params;
  const { purpose, benefit } = await shownPurpose(key);
  const tHistory = await getTranslations("consentHistory");
  return (
    <div className="space-y-6">
      <Link href="/account/purposes" className="link">
        {tHistory("back")}
      </Link>
      <ClientMessages namespaces={purposeCardMessages}>
        <PurposeCard
          purpose={purpose}
          benefit={benefit}
          setConsent={setConsentAction}
          giveReason={giveWithdrawalReasonAction}
          facts="shown"
          headingLevel={1}
        />
      </ClientMessages>
      <Link href={`/account/purposes/history?purpose=${purpose.key}`} className="link">
        {tHistory("linkFromPurpose")}
      </Link>
    </div>
  );
}
