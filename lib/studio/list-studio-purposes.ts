import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { purposeDrafts, purposes, type Purpose, type PurposeDraft, type PurposeDraftContent } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";

export type StudioPurposeRow = {
  key: string;
  name: string;
  /** The version in force; null when the purpose was retired or never published. */
  publishedVersion: number | null;
  latestVersion: number | null;
  status: "published" | "retired" | "draft";
  retiredAt: Date | null;
  draft: { basedOnVersion: number | null; updatedAt: Date } | null;
};

/** Every purpose key: its version in force (or that it was retired), and its draft if one is open. */
export async function listStudioPurposes(actor: Actor | null, locale: Locale): Promise<StudioPurposeRow[]> {
  assertStaff(actor, "purposes.read");
  const db = await getDb();
  const [versions, drafts] = await Promise.all([
    db.select().from(purposes).orderBy(asc(purposes.sortOrder), asc(purposes.key), desc(purposes.version)),
    db.select().from(purposeDrafts).orderBy(asc(purposeDrafts.key)),
  ]);
  const rows = new Map<string, StudioPurposeRow>();
  for (const version of versions) {
    const row = rows.get(version.key);
    if (!row) {
      rows.set(version.key, {
        key: version.key,
        name: version.texts[locale]?.name ?? version.texts.en.name,
        publishedVersion: version.status === "published" ? version.version : null,
        latestVersion: version.version,
        status: version.status === "published" ? "published" : "retired",
        retiredAt: version.status === "published" ? null : version.retiredAt,
        draft: null,
      });
    } else if (version.status === "published") {
      row.publishedVersion = version.version;
      row.status = "published";
      row.retiredAt = null;
      row.name = version.texts[locale]?.name ?? version.texts.en.name;
    }
  }
  for (const draft of drafts) {
    const draftState = { basedOnVersion: draft.basedOnVersion, updatedAt: draft.updatedAt };
    const row = rows.get(draft.key);
    if (row) row.draft = draftState;
    else {
      rows.set(draft.key, {
        key: draft.key,
        name: draft.content.texts[locale]?.name ?? draft.content.texts.en.name ?? draft.content.texts.nb.name ?? "",
        publishedVersion: null,
        latestVersion: null,
        status: "draft",
        retiredAt: null,
        draft: draftState,
      });
    }
  }
  return [...rows.values()];
}

export type PurposeForEditing = {
  key: string;
  /** The published version the form starts from (the draft's base when a draft is open). */
  basedOnVersion: number | null;
  publishedVersion: number | null;
  content: PurposeDraftContent;
  /** True when an open draft is shown; false when the form starts from the published version. */
  isDraft: boolean;
  draftUpdatedAt: Date | null;
};

/** A purpose's form: its open draft, or else its latest version as a starting point. Unknown keys are not found. */
export async function readPurposeForEditing(actor: Actor | null, key: string): Promise<PurposeForEditing> {
  assertStaff(actor, "purposes.read");
  const db = await getDb();
  const [[draft], [latest]] = await Promise.all([
    db.select().from(purposeDrafts).where(eq(purposeDrafts.key, key)).limit(1),
    db.select().from(purposes).where(eq(purposes.key, key)).orderBy(desc(purposes.version)).limit(1),
  ]);
  const publishedVersion = latest?.status === "published" ? latest.version : null;
  if (draft) return fromDraft(draft, publishedVersion);
  if (!latest) throw new AppError("not_found", { messageKey: "purposeNotFound" });
  return {
    key,
    basedOnVersion: publishedVersion,
    publishedVersion,
    content: contentOfVersion(latest),
    isDraft: false,
    draftUpdatedAt: null,
  };
}

function fromDraft(draft: PurposeDraft, publishedVersion: number | null): PurposeForEditing {
  return {
    key: draft.key,
    basedOnVersion: draft.basedOnVersion,
    publishedVersion,
    content: draft.content,
    isDraft: true,
    draftUpdatedAt: draft.updatedAt,
  };
}

/** A published (or retired) version as a draft's starting point; the change summary starts empty. */
export function contentOfVersion(version: Purpose): PurposeDraftContent {
  const text = (language: "nb" | "en") => {
    const { changeSummary: _summary, ...rest } = version.texts[language];
    return rest;
  };
  return {
    texts: { nb: text("nb"), en: text("en") },
    legalBasis: version.legalBasis,
    dataCategories: version.dataCategories,
    retentionDays: version.retentionDays,
    recipients: version.recipients,
    channels: version.channels as PurposeDraftContent["channels"],
    sharesWithThirdParties: version.sharesWithThirdParties,
    benefitMetric: version.benefitMetric,
  };
}
