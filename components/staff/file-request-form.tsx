import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import type { FormAction } from "@/lib/actions/types";
import { categoryKeys } from "@/lib/data-inventory/categories";
import type { StaffFormState } from "@/lib/requests/staff-form-state";
import { fileableKinds, fileChannels } from "@/lib/requests/staff-request-options";
import { FileRequestFields } from "./file-request-fields";

const grounds = ["accuracy_contested", "unlawful_keep", "legal_claims", "objection_pending"] as const;

/**
 * "File a request for this customer", for any page that shows a customer to an agent: give
 * it the customer's id, their masked name, and `fileRequestForCustomerAction`
 * (app/(staff)/support/customers/[customerId]/requests/new/actions.ts). It reads nothing.
 */
export async function FileRequestForm({
  customerId,
  customerName,
  customerNumber,
  action,
  headingLevel = 2,
}: {
  customerId: string;
  /** Masked, as a search hit shows it ("Kari N."). */
  customerName: string;
  /** Shown under the heading when given. */
  customerNumber?: number;
  action: FormAction<StaffFormState>;
  headingLevel?: 1 | 2;
}) {
  const [t, tData, tRequests] = await Promise.all([
    getTranslations("supportRequests"),
    getTranslations("data"),
    getTranslations("requests"),
  ]);
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section aria-labelledby="file-request-heading" className="space-y-4">
      <Heading
        id="file-request-heading"
        className={headingLevel === 1 ? "text-3xl font-semibold" : "text-xl font-semibold"}
      >
        {t("file.title", { customer: customerName })}
      </Heading>
      {customerNumber !== undefined ? (
        <p className="text-sm text-slate-700">{t("file.customerNumber", { number: String(customerNumber) })}</p>
      ) : null}
      <p className="max-w-2xl">{t("file.intro")}</p>
      <p className="max-w-2xl text-sm text-slate-700">{t("file.logged")}</p>
      <ClientMessages namespaces={["supportRequests.file"]}>
        <FileRequestFields
          action={action}
          customerId={customerId}
          kinds={fileableKinds.map((kind) => ({
            value: kind,
            label: t(`kind.${kind}`),
            hint: t(`file.kindHint.${kind}`),
          }))}
          channels={fileChannels.map((channel) => ({ value: channel, label: t(`file.channel.${channel}`) }))}
          categories={categoryKeys.map((key) => ({ value: key, label: tData(`categories.${key}.name`) }))}
          grounds={grounds.map((ground) => ({ value: ground, label: tRequests(`restriction.grounds.${ground}`) }))}
        />
      </ClientMessages>
    </section>
  );
}
