import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import type { FormAction } from "@/lib/actions/types";
import { isCategoryKey } from "@/lib/data-inventory/categories";
import type { InferenceDto, RejectedInferenceDto } from "@/lib/data-inventory/list-inferences";
import type { RejectInferenceState } from "@/lib/data-inventory/reject-inference-schema";
import { InferenceList } from "./inference-list";
import { RemovedInferences } from "./removed-inferences";

/** What we infer about the customer, each removable, and what they removed: on the data page and its own page. */
export async function Inferences({
  inferences,
  reject,
}: {
  inferences: { active: InferenceDto[]; rejected: RejectedInferenceDto[] };
  reject: FormAction<RejectInferenceState>;
}) {
  const [t, format] = await Promise.all([getTranslations("data"), getFormatter()]);
  return (
    <>
      <ClientMessages namespaces={["data.inferences"]}>
        <InferenceList
          reject={reject}
          items={inferences.active.map((i) => ({
            id: i.id,
            kind: i.kind,
            label: i.label,
            derivedFrom: i.derivedFrom,
            sources: i.sourceCategories.filter(isCategoryKey).map((key) => ({
              key,
              name: t(`categories.${key}.name`),
            })),
            inferredOn: format.dateTime(i.createdAt, { dateStyle: "long" }),
          }))}
        />
      </ClientMessages>
      <RemovedInferences items={inferences.rejected} />
    </>
  );
}
