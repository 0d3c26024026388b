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

/**
 * Agree to the new version, or switch it off: two buttons of equal weight. The form carries
 * the version whose texts are on screen and the version its changes were computed from, so
 * the server grants exactly what was shown (lib/consent/set-consent.ts).
 */
export async function ReconsentForm({ purpose, action, describedBy }: PromptProps) {
  const [t, tp] = await Promise.all([getTranslations("purposeCard"), getTranslations("purposes")]);
  return (
    <ConsentChoiceForm
      action={action}
      purposeKey={purpose.key}
      purposeVersion={purpose.version}
      method="reconsent_prompt"
      hiddenFields={purpose.versionChange ? { agreedVersion: String(purpose.versionChange.agreedVersion) } : undefined}
      choices={[
        { granted: true, label: t("reconsentAccept", { version: purpose.version }) },
        { granted: false, label: t("reconsentDecline") },
      ]}
      describedBy={describedBy}
      doneMessages={{ granted: t("reconsentDone", { version: purpose.version }), withdrawn: tp("withdrawnNow") }}
    />
  );
}

/** Renew a consent that is about to end for another full lifetime, or let it end: equal weight. */
export async function RenewalForm({ purpose, action, describedBy }: PromptProps) {
  const t = await getTranslations("purposeCard");
  return (
    <ConsentChoiceForm
      action={action}
      purposeKey={purpose.key}
      purposeVersion={purpose.version}
      method="renewal"
      choices={[
        { granted: true, label: t("renew", { months: lifetimeMonths(purpose) }) },
        { granted: false, label: t("letItEnd") },
      ]}
      describedBy={describedBy}
      doneMessages={{ granted: t("renewed"), withdrawn: t("endedNow") }}
    />
  );
}

export function lifetimeMonths(purpose: Pick<CustomerPurposeDto, "consentLifetimeDays">): number {
  return Math.round((purpose.consentLifetimeDays ?? 0) / 30.4);
}
