import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FileRequestForm } from "@/components/staff/file-request-form";
import { currentActor } from "@/lib/current-actor";
import { isNotFoundForPage } from "@/lib/errors";
import { getCustomerForFiling } from "@/lib/requests/customer-for-filing";
import { fileRequestForCustomerAction } from "./actions";

type Props = { params: Promise<{ customerId: string }> };

async function customerOf(customerId: string) {
  try {
    return await getCustomerForFiling(await currentActor(), customerId);
  } catch (error) {
    // An unknown, malformed or erased customer: the same not-found as any unknown address.
    if (isNotFoundForPage(error)) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const customer = await customerOf((await params).customerId);
  return { title: (await getTranslations("supportRequests"))("file.title", { customer: customer.name }) };
}

export default async function FileRequestPage({ params }: Props) {
  const customer = await customerOf((await params).customerId);
  const t = await getTranslations("supportRequests");
  return (
    <div className="max-w-2xl space-y-6">
      <Link href="/support/requests" className="link">
        {t("file.back")}
      </Link>
      <FileRequestForm
        customerId={customer.id}
        customerName={customer.name}
        customerNumber={customer.number}
        action={fileRequestForCustomerAction}
        headingLevel={1}
      />
    </div>
  );
}
