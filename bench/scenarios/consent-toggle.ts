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
  const actorFor = (i: number): CustomerActor => {
    const id = `bench-${Math.floor(Math.random() * options.customers)}`;
    return { kind: "customer", userId: id, customerId: id };
  };
  return measure(`consent toggle (c=${options.concurrency})`, { ...options, warmup: 20 }, (i) =>
    setConsent(actorFor(i), {
      purposeKey: "personalised_offers",
      purposeVersion: 1,
      granted: i % 2 === 0,
      source: { channel: "web", userAgent: "bench", locale: "nb" },
    }),
  );
}
