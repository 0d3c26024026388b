import { getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/actions/types";
import type { ConsentActionState } from "@/lib/consent/consent-schema";
import type { CustomerPurposeDto } from "@/lib/consent/list-customer-purposes";
import { ConsentChoiceForm } from "./consent-choice-form";

type PromptProps = {
  purpose: CustomerPurposeDto;
  action: FormAction<ConsentActionState>;
  describedBy: string;
};

/** Agree to the new version, or switch it off: two buttons of equal weight. */
export async function ReconsentForm({ purpose, action, describedBy }: PromptProps) {
  const [t, tp] = await Promise.all([getTranslations("purposeCard"), getTranslations("purposes")]);
  return (
    <ConsentChoiceForm
      action={action}
      purposeKey={purpose.key}
      purposeVersion={purpose.version}
      method="reconsent_prompt"
      choices={[
        { granted: true, label: t("reconsentAccept", { version: purpose.version }) },
        { granted: false, label: t("reconsentDecline") },
      ]}
      describedBy={describedBy}
      doneMessages={{ granted: tp("grantedNow"), withdrawn: tp("withdrawnNow") }}
    />
  );
}

/** Renew a consent that is about to end for another full lifetime. */
export async function RenewalForm({ purpose, action, describedBy }: PromptProps) {
  const [t, tp] = await Promise.all([getTranslations("purposeCard"), getTranslations("purposes")]);
  return (
    <ConsentChoiceForm
      action={action}
      purposeKey={purpose.key}
      purposeVersion={purpose.version}
      method="renewal"
      choices={[{ granted: true, label: t("renew", { months: lifetimeMonths(purpose) }) }]}
      describedBy={describedBy}
      doneMessages={{ granted: t("renewed"), withdrawn: tp("withdrawnNow") }}
    />
  );
}

export function lifetimeMonths(purpose: Pick<CustomerPurposeDto, "consentLifetimeDays">): number {
  return Math.round((purpose.consentLifetimeDays ?? 0) / 30.4);
}
