import "server-only";
import { getDb } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import { assertValidChanges, refused, writePreferences } from "./preference-writes";
import { preferenceErrorKey, setPreferencesSchema, type PreferenceChange } from "./preferences-schema";

/**
 * Sets the signed-in customer's channel choices for some (channel, topic) cells, all in
 * one transaction: either every change is valid and written, or nothing is. Returns the
 * cells that actually changed.
 */
export async function setCommunicationPreferences(
  actor: Actor | null,
  input: { changes: PreferenceChange[] },
): Promise<{ changed: PreferenceChange[] }> {
  const customer = assertCustomer(actor, "preferences.write.own");
  const parsed = setPreferencesSchema.safeParse(input);
  if (!parsed.success) throw refused(preferenceErrorKey(parsed.error));
  const { changes } = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    await assertValidChanges(tx, changes);
    return { changed: await writePreferences(tx, customer, changes) };
  });
}
