import "server-only";
import { and, desc, eq, gt, inArray, isNotNull } from "drizzle-orm";
import { getDb } from "@/db";
import { consentStates, purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";

/** A version published as not material after the customer's consent: it carried their consent over, no answer needed. */
export type CarriedOverUpdate = {
  key: string;
  name: string;
  version: number;
  fromVersion: number;
  publishedAt: Date | null;
};

/**
 * For the consent history: the versions published after the one the customer agreed to that
 * honour that consent (`material_version` at or below it), newest first. Read from the purposes
 * themselves, so no customer row is written when such a version is published.
 */
export async function listCarriedOverUpdates(actor: Actor | null, locale: Locale): Promise<CarriedOverUpdate[]> {
  const customer = assertCustomer(actor, "consent.read.own");
  const db = await getDb();
  const granted = await db
    .select({ key: consentStates.purposeKey, version: consentStates.purposeVersion })
    .from(consentStates)
    .where(and(customerScope(consentStates, customer), eq(consentStates.granted, true)));
  if (granted.length === 0) return [];
  const later = await db
    .select()
    .from(purposes)
    .where(
      and(
        inArray(
          purposes.key,
          granted.map((g) => g.key),
        ),
        isNotNull(purposes.materialVersion),
        gt(purposes.version, 1),
      ),
    )
    .orderBy(desc(purposes.publishedAt), desc(purposes.version));
  const agreed = new Map(granted.map((g) => [g.key, g.version]));
  return later.flatMap((version) => {
    const from = agreed.get(version.key);
    if (from === undefined || version.version <= from || (version.materialVersion ?? version.version) > from) return [];
    const text = version.texts[locale] ?? version.texts.en;
    return [
      {
        key: version.key,
        name: text.name,
        version: version.version,
        fromVersion: from,
        publishedAt: version.publishedAt,
      },
    ];
  });
}
