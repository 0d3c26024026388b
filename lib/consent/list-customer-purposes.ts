import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { consentStates, purposes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { toPurposeDto, type PurposeDto } from "@/lib/purposes/purpose-dto";

export type CustomerPurposeDto = PurposeDto & {
  /** For switchable purposes: the customer's current choice (default off). Null otherwise. */
  granted: boolean | null;
  changedAt: Date | null;
};

/** The published purposes with the signed-in customer's own consent state. */
export async function listCustomerPurposes(actor: Actor | null, locale: Locale): Promise<CustomerPurposeDto[]> {
  const customer = assertCustomer(actor, "consent.read.own");
  const db = await getDb();
  const rows = await db
    .select({ purpose: purposes, state: consentStates })
    .from(purposes)
    .leftJoin(
      consentStates,
      // A consent given to an older version is not carried over to the published one.
      and(
        eq(consentStates.purposeKey, purposes.key),
        eq(consentStates.purposeVersion, purposes.version),
        eq(consentStates.customerId, customer.customerId),
      ),
    )
    .where(eq(purposes.status, "published"))
    .orderBy(asc(purposes.sortOrder), asc(purposes.key));
  return rows.map(({ purpose, state }) => {
    const dto = toPurposeDto(purpose, locale);
    return {
      ...dto,
      granted: dto.switchable ? Boolean(state?.granted) : null,
      changedAt: dto.switchable ? (state?.updatedAt ?? null) : null,
    };
  });
}
