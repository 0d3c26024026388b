import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { communicationChannels, communicationPreferences, purposes, type Purpose } from "@/db/schema";
import { customerScope, scopedCustomerId, type CustomerScope } from "@/lib/auth/customer-scope";
import { AppError } from "@/lib/errors";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue-webhook-event";
import { lockCustomer, recordDataChanges } from "@/lib/profile/profile-writes";
import type { PreferenceChange } from "./preferences-schema";
import { isTopic } from "./may-contact";

/** The field name of a preferences change in the customer's "recent changes" (data_changes). */
export const PREFERENCES_CHANGE_FIELD = "communicationPreferences";

export function refused(messageKey: string): AppError {
  return new AppError("invalid", { messageKey });
}

/** The published topics (purposes the customer may refuse channels for). */
export async function publishedTopics(tx: Tx): Promise<Purpose[]> {
  const published = await tx.select().from(purposes).where(eq(purposes.status, "published"));
  return published.filter(isTopic);
}

/**
 * Checks every change against the published purposes: the topic must be a published
 * consent or legitimate-interest purpose that uses the channel. Throws before anything is written.
 */
export async function assertValidChanges(tx: Tx, changes: PreferenceChange[]): Promise<void> {
  const topics = await publishedTopics(tx);
  if (changes.length > topics.length * communicationChannels.length) throw refused("tooManyChanges");
  const keys = [...new Set(changes.map((c) => c.topic))];
  const published = await tx
    .select()
    .from(purposes)
    .where(and(inArray(purposes.key, keys), eq(purposes.status, "published")));
  for (const change of changes) {
    const purpose = published.find((p) => p.key === change.topic);
    // Unknown, draft and retired purposes alike: nothing to choose.
    if (!purpose) throw refused("unknownTopic");
    if (purpose.legalBasis === "contract" || purpose.legalBasis === "legal_obligation") throw refused("notOptional");
    if (!isTopic(purpose) || !purpose.channels.includes(change.channel)) throw refused("channelNotUsed");
  }
}

/**
 * Writes the cells whose choice differs from what is stored (no row = allowed), one row
 * per (customer, channel, topic), and records one "changed" entry for the customer.
 * Serialised per customer by the customer row lock, so concurrent saves cannot interleave.
 */
export async function writePreferences(
  tx: Tx,
  scope: CustomerScope,
  changes: PreferenceChange[],
): Promise<PreferenceChange[]> {
  const customerId = scopedCustomerId(scope);
  await lockCustomer(tx, customerId);
  const current = await tx
    .select({
      channel: communicationPreferences.channel,
      topic: communicationPreferences.topic,
      allowed: communicationPreferences.allowed,
    })
    .from(communicationPreferences)
    .where(
      and(
        customerScope(communicationPreferences, scope),
        inArray(communicationPreferences.topic, [...new Set(changes.map((c) => c.topic))]),
      ),
    );
  const stored = new Map(current.map((row) => [`${row.channel}:${row.topic}`, row.allowed]));
  const changed = changes.filter((c) => (stored.get(`${c.channel}:${c.topic}`) ?? true) !== c.allowed);
  if (changed.length === 0) return [];
  await tx
    .insert(communicationPreferences)
    .values(changed.map((c) => ({ customerId, ...c, updatedAt: sql`now()` })))
    .onConflictDoUpdate({
      target: [communicationPreferences.customerId, communicationPreferences.channel, communicationPreferences.topic],
      set: { allowed: sql`excluded.allowed`, updatedAt: sql`excluded.updated_at` },
    });
  await recordDataChanges(tx, customerId, [{ field: PREFERENCES_CHANGE_FIELD, action: "updated" }]);
  await enqueueWebhookEvent(tx, {
    type: "preference.changed",
    customerId,
    data: { changes: changed.map((c) => ({ channel: c.channel, topic: c.topic, allowed: c.allowed })) },
  });
  return changed;
}
