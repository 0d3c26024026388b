import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { purposes } from "@/db/schema";
import { setConsent } from "@/lib/consent/set-consent";
import type { CustomerActor } from "@/lib/auth/actor";
import { measure, type Sample } from "../stats";

/**
 * Consent toggle latency through the data layer (validation already done): one
 * transaction with the purpose check, the per-(customer, purpose) lock, the event
 * insert and the state upsert. Random customers, so no single-row hot spot.
 */
export async function consentToggle(options: {
  customers: number;
  iterations: number;
  concurrency: number;
}): Promise<Sample> {
  const actorFor = (): CustomerActor => {
    const id = `bench-${Math.floor(Math.random() * options.customers)}`;
    return { kind: "customer", userId: id, customerId: id };
  };
  // The published version (the scale seed's states are on an older one: those toggles re-consent).
  const db = await getDb();
  const [published] = await db
    .select({ version: purposes.version })
    .from(purposes)
    .where(and(eq(purposes.key, "personalised_offers"), eq(purposes.status, "published")));
  return measure(`consent toggle (c=${options.concurrency})`, { ...options, warmup: 20 }, (i) =>
    setConsent(actorFor(), {
      purposeKey: "personalised_offers",
      purposeVersion: published!.version,
      granted: i % 2 === 0,
      source: { channel: "web", userAgent: "bench", locale: "nb" },
    }),
  );
}
