import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { purposeCardMessages } from "@/components/account/purpose-card-messages";
import { PurposeCard } from "@/components/account/purpose-card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PublishDraftForm } from "@/components/studio/publish-draft-form";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import { locales } from "@/lib/i18n/locales";
import { draftLanguages, draftTextFields, textFieldName } from "@/lib/studio/purpose-draft-fields";
import { purposeKeyPattern } from "@/lib/studio/purpose-draft-schema";
import { previewPurposeDraft } from "@/lib/studio/preview-purpose-draft";
import { previewConsentAction, publishPurposeDraftAction } from "../../actions";

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: (await getTranslations("studio.preview"))("title", { key: key.slice(0, 64) }) };
}

async function previewOf(key: string) {
  if (key.length > 64 || !purposeKeyPattern.test(key)) notFound();
  try {
    return await previewPurposeDraft(await currentActor(), key);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function PreviewPurposePage({ params }: Props) {
  const { key } = await params;
  const preview = await previewOf(key);
  const [t, tf] = await Promise.all([getTranslations("studio.preview"), getTranslations("studio.form")]);
  const fieldLabels: Record<string, string> = {
    retention: tf("retention"),
    dataCategories: tf("dataCategories"),
  };
  for (const language of draftLanguages) {
    for (const field of draftTextFields) {
      const label = tf(field === "retention" ? "retentionText" : field);
      fieldLabels[textFieldName(language, field)] = `${label} (${t(`language.${language}`)})`;
    }
  }
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title", { key })}</h1>
        <p className="max-w-3xl">{t("intro")}</p>
        <p className="max-w-3xl">{preview.benefit ? t("demoBenefit") : t("noDemoBenefit")}</p>
        <Link href={`/studio/purposes/${key}`} className="link">
          {t("edit")}
        </Link>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        {locales.map((locale) => (
          <section key={locale} lang={locale} aria-labelledby={`preview-${locale}`} className="space-y-3">
            <h2 id={`preview-${locale}`} className="text-xl font-semibold">
              {t(`language.${locale}`)}
            </h2>
            <ClientMessages namespaces={purposeCardMessages} locale={locale}>
              <PurposeCard
                purpose={preview.cards[locale]}
                benefit={preview.benefit ?? undefined}
                setConsent={previewConsentAction}
                facts="shown"
                locale={locale}
                idScope={locale}
              />
            </ClientMessages>
          </section>
        ))}
      </div>
      {preview.missing.length > 0 ? (
        <section aria-labelledby="missing-heading" className="card space-y-2 p-5">
          <h2 id="missing-heading" className="text-xl font-semibold">
            {t("missingTitle")}
          </h2>
          <ul className="list-disc pl-6">
            {preview.missing.map((field) => (
              <li key={field}>{fieldLabels[field] ?? field}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="publish-heading" className="card space-y-3 p-5">
        <h2 id="publish-heading" className="text-xl font-semibold">
          {t("publishTitle")}
        </h2>
        <p>{t("publishAs", { version: preview.nextVersion })}</p>
        <ClientMessages namespaces={["studio.preview", "studio.errors.incomplete"]}>
          <PublishDraftForm
            action={publishPurposeDraftAction}
            purposeKey={key}
            basedOnVersion={preview.basedOnVersion}
            hasVersionInForce={preview.publishedVersion !== null}
            fieldLabels={fieldLabels}
          />
        </ClientMessages>
      </section>
    </div>
  );
}
