import { randomBytes } from "node:crypto";
import type { StaffActor } from "@/lib/auth/actor";
import { openCustomer } from "@/lib/support/open-customer";
import { measure, type Sample } from "../stats";

/** Agents the opens are spread over, so that none passes the browsing guard's hourly limit (30 by default). */
const AGENTS = 400;

/**
 * An agent opening a customer with a reason: the access-log entry (with the browsing guard's
 * count) and the whole masked view (profile, data overview, consents, preferences, requests,
 * sign-ins) in one transaction, over random scale-seed customers.
 */
export async function openCustomerScenario(options: {
  customers: number;
  iterations: number;
  concurrencies: number[];
}): Promise<Sample[]> {
  // Fresh agents per run: an earlier run's opens in the last hour do not count against them.
  const run = randomBytes(4).toString("hex");
  const agent = (i: number): StaffActor => ({
    kind: "staff",
    role: "agent",
    userId: `bench-agent-${run}-${i % AGENTS}`,
  });
  const samples: Sample[] = [];
  let n = 0;
  for (const concurrency of options.concurrencies) {
    samples.push(
      await measure(
        `open customer (c=${concurrency})`,
        { iterations: options.iterations, concurrency, warmup: 20 },
        () => {
          const i = n++;
          return openCustomer(
            agent(i),
            {
              customerId: `bench-${Math.floor(Math.random() * options.customers)}`,
              justification: "customer_request",
              caseReference: `SUP-${i}`,
              reason: "Kunden ringte om en forsinket pakke",
            },
            "nb",
          );
        },
      ),
    );
  }
  return samples;
}
