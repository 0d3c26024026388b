import type { ConsentAction, LegalBasis, Purpose } from "@/db/schema";

/**
 * How the analytics group customers for one purpose. A consent purpose: agreed to the
 * version in force (or one it honours), agreed to an older version and asked again,
 * withdrawn, let lapse, never answered. A legitimate-interest purpose: objected, withdrew
 * the objection, never objected. Every customer is in exactly one group.
 */
export const consentCategories = ["granted", "reconsent", "withdrawn", "expired", "never"] as const;
export const objectionCategories = ["objected", "objectionWithdrawn", "never"] as const;
export type AnswerCategory = (typeof consentCategories)[number] | (typeof objectionCategories)[number];

export function categoriesFor(legalBasis: LegalBasis): readonly AnswerCategory[] {
  return legalBasis === "legitimate_interest" ? objectionCategories : consentCategories;
}

/** Purposes that ask the customer anything; contract and legal obligation have no answer to count. */
export function hasAnswers(legalBasis: LegalBasis): boolean {
  return legalBasis === "consent" || legalBasis === "legitimate_interest";
}

/** The oldest version whose consents the version in force honours. */
export function honouredFrom(version: Pick<Purpose, "version" | "materialVersion">): number {
  return version.materialVersion ?? version.version;
}

export function categoryOf(
  legalBasis: LegalBasis,
  action: ConsentAction,
  version: number,
  floor: number | null,
): AnswerCategory {
  if (legalBasis === "legitimate_interest") {
    return action === "objected" || action === "withdrawn" ? "objected" : "objectionWithdrawn";
  }
  switch (action) {
    case "granted":
    case "objection_withdrawn":
      return floor === null || version >= floor ? "granted" : "reconsent";
    case "expired":
      return "expired";
    default:
      return "withdrawn";
  }
}

/** Folds per (version, action) counts into the purpose's categories, "never" = total − answered. */
export function toCategoryCounts(input: {
  legalBasis: LegalBasis;
  floor: number | null;
  total: number;
  answers: ReadonlyArray<{ version: number; action: ConsentAction; customers: number }>;
}): Record<AnswerCategory, number> {
  const counts = Object.fromEntries(categoriesFor(input.legalBasis).map((c) => [c, 0])) as Record<AnswerCategory, number>;
  let answered = 0;
  for (const a of input.answers) {
    if (a.customers === 0) continue;
    const category = categoryOf(input.legalBasis, a.action, a.version, input.floor);
    counts[category] += a.customers;
    answered += a.customers;
  }
  counts.never = Math.max(input.total - answered, 0);
  return counts;
}
