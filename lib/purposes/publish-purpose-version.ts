import "server-only";
import { and, desc, eq, max } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { benefitMetrics, communicationChannels, legalBases, purposes, type Purpose } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { withoutInvisibleCharacters } from "@/lib/validation/text";
import { dpvPurposeTerms } from "./dpv-purposes";

const text = withoutInvisibleCharacters(z.string(), { multiLine: true }).trim().min(1).max(2000);
const purposeText = z.strictObject({
  name: withoutInvisibleCharacters(z.string()).trim().min(1).max(120),
  description: text,
  benefit: text,
  consequence: text,
  retention: text,
  changeSummary: text,
});

/** A material change: the fields that make a new version. Anything omitted stays as it was. */
export const purposeVersionSchema = z.strictObject({
  key: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_-]*$/),
  texts: z.strictObject({ nb: purposeText, en: purposeText }),
  legalBasis: z.enum(legalBases).optional(),
  dataCategories: z
    .array(z.string().regex(/^[a-z_]+$/))
    .min(1)
    .max(20)
    .optional(),
  channels: z.array(z.enum(communicationChannels)).max(4).optional(),
  retentionDays: z.number().int().positive().max(36500).nullable().optional(),
  consentLifetimeDays: z.number().int().positive().max(3650).nullable().optional(),
  sharesWithThirdParties: z.boolean().optional(),
  benefitMetric: z.enum(benefitMetrics).nullable().optional(),
  /** W3C DPV purpose terms (e.g. "dpv:DirectMarketing"); omitted = the base version's. */
  dpvPurposes: z.array(z.enum(dpvPurposeTerms)).max(10).optional(),
});
export type PurposeVersionInput = z.input<typeof purposeVersionSchema>;

/**
 * Publishes a new version of a purpose and retires the current one, in one transaction.
 * Consents given to the old version stay on that version: customers are asked again
 * (see evaluateConsent), nothing is carried over.
 */
export async function publishPurposeVersion(
  actor: Actor | null,
  input: PurposeVersionInput,
): Promise<{ key: string; version: number }> {
  assertStaff(actor, "purposes.publish");
  const parsed = purposeVersionSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid");
  const change = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Waits for consent changes that hold the current version (they take it FOR SHARE).
    const [current] = await tx
      .select()
      .from(purposes)
      .where(and(eq(purposes.key, change.key), eq(purposes.status, "published")))
      .for("update");
    const base: Purpose | undefined =
      current ??
      (
        await tx.select().from(purposes).where(eq(purposes.key, change.key)).orderBy(desc(purposes.version)).limit(1)
      )[0];
    if (!base) throw new AppError("not_found", { messageKey: "purposeNotFound" });
    const [latest] = await tx
      .select({ version: max(purposes.version) })
      .from(purposes)
      .where(eq(purposes.key, change.key));
    const version = (latest?.version ?? base.version) + 1;
    const now = new Date();
    if (current) {
      await tx
        .update(purposes)
        .set({ status: "retired" })
        .where(and(eq(purposes.key, current.key), eq(purposes.version, current.version)));
    }
    await tx.insert(purposes).values({
      key: base.key,
      version,
      status: "published",
      publishedAt: now,
      legalBasis: change.legalBasis ?? base.legalBasis,
      texts: change.texts,
      dataCategories: change.dataCategories ?? base.dataCategories,
      retentionDays: change.retentionDays === undefined ? base.retentionDays : change.retentionDays,
      recipients: base.recipients,
      channels: change.channels ?? base.channels,
      sharesWithThirdParties: change.sharesWithThirdParties ?? base.sharesWithThirdParties,
      consentLifetimeDays:
        change.consentLifetimeDays === undefined ? base.consentLifetimeDays : change.consentLifetimeDays,
      benefitMetric: change.benefitMetric === undefined ? base.benefitMetric : change.benefitMetric,
      dpvPurposes: change.dpvPurposes ?? base.dpvPurposes,
      sortOrder: base.sortOrder,
    });
    return { key: base.key, version };
  });
}
