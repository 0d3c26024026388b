import "server-only";
import { getDb } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import { publishedTopics, refused, writePreferences } from "./preference-writes";
import {
  preferenceErrorKey,
  setChannelForAllTopicsSchema,
  type CommunicationChannel,
  type PreferenceChange,
} from "./preferences-schema";

/**
 * "Nothing by SMS" (allowed: false) and "Allow SMS again" (allowed: true): one channel for
 * every topic that uses it, in one transaction. Consents are left as they are.
 */
export async function setChannelForAllTopics(
  actor: Actor | null,
  input: { channel: CommunicationChannel; allowed: boolean },
): Promise<{ changed: PreferenceChange[]; topics: number }> {
  const customer = assertCustomer(actor, "preferences.write.own");
  const parsed = setChannelForAllTopicsSchema.safeParse(input);
  if (!parsed.success) throw refused(preferenceErrorKey(parsed.error));
  const { channel, allowed } = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const topics = (await publishedTopics(tx)).filter((p) => p.channels.includes(channel));
    if (topics.length === 0) throw refused("channelNotUsed");
    const changes = topics.map((topic) => ({ channel, topic: topic.key, allowed }));
    return { changed: await writePreferences(tx, customer, changes), topics: topics.length };
  });
}
