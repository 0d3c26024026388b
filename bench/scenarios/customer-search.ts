import type { StaffActor } from "@/lib/auth/actor";
import { searchCustomers } from "@/lib/support/search-customers";
import { measure, type Sample } from "../stats";

// What agents type: misspelt and partial names, part of an email address, phone digits.
const queries = [
  "Kary Nordman",
  "ingrid hanssen",
  "magnus",
  "Sofie Ber",
  "kari.nordmann4",
  "ingrid.hansen@",
  "345 67",
  "+47 9990",
  "Oskar Lund",
  "frida jørgens",
];

/**
 * The support console's customer search over the scale seed's customers (name, email and
 * phone trigram indexes, migration 0005), as an agent runs it.
 */
export async function customerSearch(options: { iterations: number; concurrencies: number[] }): Promise<Sample[]> {
  const agentNumber = (n: number): StaffActor => ({ kind: "staff", role: "agent", userId: `bench-agent-${n}` });
  const samples: Sample[] = [];
  for (const concurrency of options.concurrencies) {
    samples.push(
      await measure(
        `customer search (c=${concurrency})`,
        { iterations: options.iterations, concurrency, warmup: 20 },
        // Many agents, as a support floor has: each stays under its own search limit.
        (i) => searchCustomers(agentNumber(Math.abs(i) % 100), queries[Math.abs(i) % queries.length]!),
      ),
    );
  }
  return samples;
}
