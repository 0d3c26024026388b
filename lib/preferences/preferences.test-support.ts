import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { communicationPreferences, dataChanges, purposes } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { recordConsentEvent } from "@/lib/consent/record-consent-event";
import { setConsent, type ConsentSource } from "@/lib/consent/set-consent";
import { demoPurposes, demoRetiredPurposes } from "@/lib/demo/demo-purposes";
import { givenPublishedPurposes } from "@/lib/testing/factories";

export const source: ConsentSource = { channel: "web", userAgent: "vitest", locale: "en" };

/**
 * The demo purposes published, version 1 of personalised offers retired beside them, and
 * a draft and a retired purpose that both send email (test set-up only).
 */
export async function givenPreferencePurposes() {
  await givenPublishedPurposes();
  const db = await getDb();
  const newsletter = demoPurposes.find((p) => p.key === "newsletter")!;
  await db
    .insert(purposes)
    .values([
      ...demoRetiredPurposes.map((p) => ({ ...p, status: "retired" as const })),
      { ...newsletter, key: "draft_digest", status: "draft" as const },
      { ...newsletter, key: "old_digest", status: "retired" as const },
    ]);
}

/** Grants (or withdraws, or objects to) a published purpose through the real use case. */
export async function givenConsent(actor: CustomerActor, purposeKey: string, granted: boolean) {
  const db = await getDb();
  const [published] = await db
    .select()
    .from(purposes)
    .where(and(eq(purposes.key, purposeKey), eq(purposes.status, "published")));
  await setConsent(actor, { purposeKey, purposeVersion: published!.version, granted, source });
}

/** A consent given to an older, retired version (as if the purpose changed since). */
export async function givenConsentToVersion(actor: CustomerActor, purposeKey: string, version: number) {
  const db = await getDb();
  const [purpose] = await db
    .select()
    .from(purposes)
    .where(and(eq(purposes.key, purposeKey), eq(purposes.version, version)));
  await db.transaction((tx) =>
    recordConsentEvent(tx, {
      customerId: actor.customerId,
      purpose: purpose!,
      action: "granted",
      source,
      method: "switch",
    }),
  );
}

/** Every preference and data-change row, to show that a refused change wrote nothing. */
export async function allPreferenceRows() {
  const db = await getDb();
  return {
    preferences: await db
      .select()
      .from(communicationPreferences)
      .orderBy(
        asc(communicationPreferences.customerId),
        asc(communicationPreferences.channel),
        asc(communicationPreferences.topic),
      ),
    dataChanges: await db.select().from(dataChanges).orderBy(asc(dataChanges.id)),
  };
}

export async function preferenceRowsOf(customerId: string) {
  const db = await getDb();
  return db
    .select({
      channel: communicationPreferences.channel,
      topic: communicationPreferences.topic,
      allowed: communicationPreferences.allowed,
    })
    .from(communicationPreferences)
    .where(eq(communicationPreferences.customerId, customerId))
    .orderBy(asc(communicationPreferences.channel), asc(communicationPreferences.topic));
}
