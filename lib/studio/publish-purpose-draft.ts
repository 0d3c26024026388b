import "server-only";
import { and, desc, eq, max } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { purposeDrafts, purposes, type Purpose, type PurposeDraftContent, type PurposeText } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { canonicalJson } from "@/lib/audit/canonical-json";
import { AppError } from "@/lib/errors";
import { draftLanguages, textFieldName, type DraftTextField } from "./purpose-draft-fields";
import type { PublishPurposeDraftInput } from "./purpose-draft-schema";

const requiredTexts = [
  "name",
  "description",
  "benefit",
  "consequence",
  "retention",
] as const satisfies DraftTextField[];

/** What a draft lacks before it can be published, as form field names (`enBenefit`, `retention`). */
export function missingForPublishing(content: PurposeDraftContent): string[] {
  const missing: string[] = [];
  for (const language of draftLanguages) {
    for (const field of requiredTexts) {
      if (!content.texts[language][field]) missing.push(textFieldName(language, field));
    }
  }
  if (content.retentionDays === null) missing.push("retention");
  if (content.dataCategories.length === 0) missing.push("dataCategories");
  return missing;
}

/**
 * Publishes a purpose's draft as its next version, retires the version in force and writes
 * the audit entry, in one transaction. `material`: customers who agreed before are asked
 * again; otherwise their consents carry over (the new version keeps its base's
 * `material_version`, which evaluateConsent honours). Refused as stale when the draft is
 * gone or no longer starts from the version in force (someone else published first).
 */
export async function publishPurposeDraft(
  actor: Actor | null,
  input: PublishPurposeDraftInput,
): Promise<{ key: string; version: number }> {
  const staff = assertStaff(actor, "purposes.publish");
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Waits for consent changes that hold the current version (they take it FOR SHARE).
    const [current] = await tx
      .select()
      .from(purposes)
      .where(and(eq(purposes.key, input.key), eq(purposes.status, "published")))
      .for("update");
    const [draft] = await tx.select().from(purposeDrafts).where(eq(purposeDrafts.key, input.key)).for("update");
    if (
      !draft ||
      draft.basedOnVersion !== input.basedOnVersion ||
      draft.basedOnVersion !== (current?.version ?? null)
    ) {
      throw new AppError("conflict", { messageKey: "staleVersion" });
    }
    const missing = missingForPublishing(draft.content);
    if (missing.length > 0) {
      throw new AppError("invalid", {
        messageKey: "incomplete",
        fieldErrors: Object.fromEntries(missing.map((field) => [field, "missing"])),
      });
    }
    const version = ((await latestVersion(tx, input.key)) ?? 0) + 1;
    const base =
      current ??
      (await tx.select().from(purposes).where(eq(purposes.key, input.key)).orderBy(desc(purposes.version)).limit(1))[0];
    const material = !current || input.material === "yes";
    // "Not material" is for wording only: a consent cannot carry over to a use it did not cover.
    if (!material && changesTheUse(current!, draft.content)) {
      throw new AppError("invalid", { fieldErrors: { material: "materialChange" } });
    }
    const now = new Date();
    if (current) {
      await tx
        .update(purposes)
        .set({ status: "retired", retiredAt: now })
        .where(and(eq(purposes.key, current.key), eq(purposes.version, current.version)));
    }
    const content = draft.content;
    const texts = { nb: content.texts.nb as PurposeText, en: content.texts.en as PurposeText };
    await tx.insert(purposes).values({
      key: input.key,
      version,
      status: "published",
      publishedAt: now,
      legalBasis: content.legalBasis,
      texts,
      dataCategories: content.dataCategories,
      retentionDays: content.retentionDays,
      recipients: content.recipients,
      channels: content.channels,
      sharesWithThirdParties: content.sharesWithThirdParties,
      consentLifetimeDays: base?.consentLifetimeDays ?? null,
      benefitMetric: content.benefitMetric,
      dpvPurposes: base?.dpvPurposes ?? [],
      sortOrder: base?.sortOrder ?? (await nextSortOrder(tx)),
      materialVersion: material ? null : (current!.materialVersion ?? current!.version),
    });
    await tx.delete(purposeDrafts).where(eq(purposeDrafts.key, input.key));
    await appendAuditEntry(tx, staff, {
      action: "purpose.published",
      target: { type: "purpose", id: input.key },
      before: current ? { version: current.version, status: "published" } : null,
      after: { version, material, ...content },
    });
    return { key: input.key, version };
  });
}

async function latestVersion(tx: Tx, key: string): Promise<number | null> {
  const [row] = await tx
    .select({ version: max(purposes.version) })
    .from(purposes)
    .where(eq(purposes.key, key));
  return row?.version ?? null;
}

async function nextSortOrder(tx: Tx): Promise<number> {
  const [row] = await tx.select({ sortOrder: max(purposes.sortOrder) }).from(purposes);
  return (row?.sortOrder ?? 0) + 10;
}

/** Whether a draft changes what is done with the data, not only how it is worded. */
function changesTheUse(current: Purpose, content: PurposeDraftContent): boolean {
  const sameSet = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && [...a].sort().join("\0") === [...b].sort().join("\0");
  return (
    current.legalBasis !== content.legalBasis ||
    !sameSet(current.dataCategories, content.dataCategories) ||
    !sameSet(current.channels, content.channels) ||
    canonicalJson(current.recipients) !== canonicalJson(content.recipients) ||
    current.sharesWithThirdParties !== content.sharesWithThirdParties ||
    current.retentionDays !== content.retentionDays
  );
}
