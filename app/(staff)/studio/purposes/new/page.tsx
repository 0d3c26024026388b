import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PurposeDraftFormSection } from "@/components/studio/purpose-draft-form-section";
import { categoryKeys } from "@/lib/studio/purpose-options";
import { savePurposeDraftAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studio.form"))("newTitle") };
}

export default async function NewPurposePage() {
  const t = await getTranslations("studio.form");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("newTitle")}</h1>
        <p className="max-w-3xl">{t("intro")}</p>
      </div>
      <PurposeDraftFormSection
        action={savePurposeDraftAction}
        mode="new"
        purposeKey=""
        basedOnVersion={null}
        content={null}
        categories={categoryKeys}
      />
    </div>
  );
}
