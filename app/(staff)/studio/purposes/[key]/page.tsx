import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PurposeDraftFormSection } from "@/components/studio/purpose-draft-form-section";
import { RetirePurposeForm } from "@/components/studio/retire-purpose-form";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import { readPurposeForEditing } from "@/lib/studio/list-studio-purposes";
import { purposeKeyPattern } from "@/lib/studio/purpose-draft-schema";
import { categoryKeys } from "@/lib/studio/purpose-options";
import { retirePurposeAction, savePurposeDraftAction } from "../actions";

type Props = {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ saved?: string; published?: string; retired?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: (await getTranslations("studio.form"))("editTitle", { key: key.slice(0, 64) }) };
}

async function purposeOf(key: string) {
  if (key.length > 64 || !purposeKeyPattern.test(key)) notFound();
  try {
    return await readPurposeForEditing(await currentActor(), key);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function EditPurposePage({ params, searchParams }: Props) {
  const { key } = await params;
  const { saved, published, retired } = await searchParams;
  const purpose = await purposeOf(key);
  const [t, tr, tp] = await Promise.all([
    getTranslations("studio.form"),
    getTranslations("studio.retire"),
    getTranslations("studio.preview"),
  ]);
  // What the last step did, told once in the status region.
  const done =
    saved === "1" && purpose.isDraft
      ? t("saved")
      : typeof published === "string" && /^\d{1,6}$/.test(published)
        ? tp("published", { version: Number(published) })
        : retired === "1" && purpose.publishedVersion === null
          ? tr("done")
          : "";
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("editTitle", { key })}</h1>
        <p className="max-w-3xl">{t("intro")}</p>
        <p className="max-w-3xl">
          {purpose.basedOnVersion === null
            ? t("startsFromNothing")
            : t("startsFrom", { version: purpose.basedOnVersion })}
        </p>
        {purpose.isDraft ? null : <p className="max-w-3xl">{t("editingPublished")}</p>}
        <p role="status" className="font-medium text-brand-900">
          {done}
        </p>
        {purpose.isDraft ? (
          <Link href={`/studio/purposes/${key}/preview`} className="btn btn-secondary">
            {t("toPreview")}
          </Link>
        ) : null}
      </div>
      <PurposeDraftFormSection
        action={savePurposeDraftAction}
        mode="edit"
        purposeKey={key}
        basedOnVersion={purpose.basedOnVersion}
        content={purpose.content}
        categories={categoryKeys}
      />
      {purpose.publishedVersion !== null ? (
        <section aria-labelledby="retire-heading" className="card space-y-3 p-5">
          <h2 id="retire-heading" className="text-xl font-semibold">
            {tr("title")}
          </h2>
          <p id="retire-explain">{tr("explain", { version: purpose.publishedVersion })}</p>
          <ClientMessages namespaces={["studio.retire"]}>
            <RetirePurposeForm action={retirePurposeAction} purposeKey={key} version={purpose.publishedVersion} />
          </ClientMessages>
        </section>
      ) : null}
    </div>
  );
}
