import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import type { FormAction } from "@/lib/actions/types";
import {
  benefitMetrics,
  communicationChannels,
  legalBases,
  type PurposeDraftContent,
} from "@/lib/studio/purpose-options";
import { draftLanguages, draftTextFields, recipientsText, textFieldName } from "@/lib/studio/purpose-draft-fields";
import type { StudioFormState } from "@/lib/studio/purpose-draft-schema";
import { PurposeDraftForm } from "./purpose-draft-form";

/** The purpose form with its choices labelled in the reader's language; a new purpose starts empty. */
export async function PurposeDraftFormSection({
  action,
  mode,
  purposeKey,
  basedOnVersion,
  content,
  categories,
}: {
  action: FormAction<StudioFormState>;
  mode: "new" | "edit";
  purposeKey: string;
  basedOnVersion: number | null;
  content: PurposeDraftContent | null;
  categories: readonly string[];
}) {
  const [t, tp, tch] = await Promise.all([
    getTranslations("studio.form"),
    getTranslations("purposes"),
    getTranslations("preferences"),
  ]);
  const text: Record<string, string> = { key: purposeKey };
  if (content) {
    for (const language of draftLanguages) {
      for (const field of draftTextFields) text[textFieldName(language, field)] = content.texts[language][field] ?? "";
    }
    text.legalBasis = content.legalBasis;
    text.retention = content.retentionDays === null ? "" : String(content.retentionDays);
    text.recipients = recipientsText(content.recipients);
    text.benefitMetric = content.benefitMetric ?? "";
  }
  return (
    <ClientMessages namespaces={["studio.form"]}>
      <PurposeDraftForm
        action={action}
        mode={mode}
        purposeKey={purposeKey}
        basedOnVersion={basedOnVersion}
        initial={{
          text,
          dataCategories: content?.dataCategories ?? [],
          channels: content?.channels ?? [],
          sharesWithThirdParties: content?.sharesWithThirdParties ?? false,
        }}
        options={{
          legalBases: legalBases.map((value) => ({ value, label: tp(`basis.${value}`) })),
          categories: categories.map((value) => ({ value, label: tp(`categories.${value}` as "categories.orders") })),
          channels: communicationChannels.map((value) => ({ value, label: tch(`channelInSentence.${value}`) })),
          metrics: benefitMetrics.map((value) => ({ value, label: t(`metrics.${value}`) })),
        }}
      />
    </ClientMessages>
  );
}
