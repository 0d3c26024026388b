import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { OpenCustomer } from "@/components/staff/open-customer";
import { staffJustifications } from "@/lib/access-log/access-reasons";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import { browsingLimitPerHour, getCustomerCard, type CustomerCardDto } from "@/lib/support/open-customer";
import { openCustomerAction, openWithSupportCodeAction, revealFieldAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.support.customer"))("title") };
}

type Props = { params: Promise<{ customerId: string }> };

/**
 * A customer from the search, masked as the search showed them, and the form that opens
 * them with a reason (or the customer's support code). This page reads nothing more and
 * logs nothing; the open is the logged step.
 */
export default async function OpenCustomerPage({ params }: Props) {
  const { customerId } = await params;
  const actor = await currentActor();
  let card: CustomerCardDto;
  try {
    card = await getCustomerCard(actor, customerId);
  } catch (error) {
    if (isAppError(error) && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
  const t = await getTranslations("staff.support.customer");
  return (
    <div className="space-y-6">
      <p>
        <Link href="/support" className="link">
          ← {t("back")}
        </Link>
      </p>
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <section aria-labelledby="card-heading" className="card space-y-2">
        <h2 id="card-heading" className="text-xl font-semibold">
          {t("cardHeading")}
        </h2>
        <dl className="record">
          <dt>{t("customerNumber")}</dt>
          <dd>{card.customerNumber}</dd>
          <dt>{t("name")}</dt>
          <dd>{card.name}</dd>
          <dt>{t("email")}</dt>
          <dd>{card.email}</dd>
          <dt>{t("phone")}</dt>
          <dd>{card.phone ?? t("noPhone")}</dd>
        </dl>
        <p className="text-sm text-slate-700">{t("masked")}</p>
      </section>
      <ClientMessages
        namespaces={[
          "staff.support.open",
          "staff.support.view",
          "purposes.categories",
          "requests.kind",
          "requests.status",
          "preferences.channel",
        ]}
      >
        <OpenCustomer
          customerId={card.customerId}
          justifications={staffJustifications}
          browsingLimit={browsingLimitPerHour()}
          openAction={openCustomerAction}
          openWithCodeAction={openWithSupportCodeAction}
          revealAction={revealFieldAction}
        />
      </ClientMessages>
    </div>
  );
}
