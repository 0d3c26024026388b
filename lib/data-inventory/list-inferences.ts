import "server-only";
import { asc, desc } from "drizzle-orm";
import { getDb } from "@/db";
import { inferences } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";

export type InferenceDto = {
  id: string;
  kind: (typeof inferences.kind.enumValues)[number];
  label: string;
  derivedFrom: string;
  sourceCategories: string[];
  createdAt: Date;
};
export type RejectedInferenceDto = { id: string; label: string; rejectedAt: Date };

/**
 * What the company infers about the signed-in customer. Rejected ones are listed apart,
 * as "removed at your request": they are kept only so that they are not derived again.
 */
export async function listInferences(
  actor: Actor | null,
  locale: Locale,
): Promise<{ active: InferenceDto[]; rejected: RejectedInferenceDto[] }> {
  const customer = assertCustomer(actor, "data.read.own");
  const db = await getDb();
  const rows = await db
    .select()
    .from(inferences)
    .where(customerScope(inferences, customer))
    .orderBy(desc(inferences.createdAt), asc(inferences.id));
  const text = (value: { nb: string; en: string }) => value[locale] ?? value.en;
  return {
    active: rows
      .filter((r) => r.status === "active")
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        label: text(r.label),
        derivedFrom: text(r.derivedFrom),
        sourceCategories: r.sourceCategories,
        createdAt: r.createdAt,
      })),
    rejected: rows
      .filter((r) => r.status === "rejected")
      .map((r) => ({ id: r.id, label: text(r.label), rejectedAt: r.rejectedAt ?? r.createdAt })),
  };
}
