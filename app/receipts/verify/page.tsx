import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { VerifyReceiptForm } from "@/components/receipts/verify-receipt-form";
import { verifyReceiptAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("receiptVerify"))("title") };
}

// Public: anyone holding a receipt (the customer, a regulator, a court) may check it.
export default async function VerifyReceiptPage() {
  const t = await getTranslations("receiptVerify");
  const jwks = "/.well-known/jwks.json";
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p className="max-w-2xl">{t("intro")}</p>
        <details className="max-w-2xl">
          <summary className="summary">{t("technical")}</summary>
          <p className="text-sm">
            {t.rich("keys", {
              url: jwks,
              link: (chunks) => (
                <a href={jwks} className="link-text">
                  {chunks}
                </a>
              ),
            })}
          </p>
        </details>
      </div>
      <ClientMessages namespaces={["receiptVerify", "consentHistory", "purposes.basis", "data.categories"]}>
        <VerifyReceiptForm verify={verifyReceiptAction} />
      </ClientMessages>
    </div>
  );
}
