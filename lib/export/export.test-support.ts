// Test helpers for export delivery: a customer who signed in just now, and reading zips back.
import "server-only";
import { sql } from "drizzle-orm";
import { unzipSync } from "fflate";
import { getDb } from "@/db";
import type { CustomerActor } from "@/lib/auth/actor";
import { givenCustomer } from "@/lib/testing/factories";

/** A customer whose session was created just now (a fresh magic-link sign-in). */
export async function givenFreshCustomer(name = "export"): Promise<CustomerActor & { email: string }> {
  return { ...(await givenCustomer(name)), signedInAt: new Date() };
}

/** `n` interaction events for the customer, set-based so thousands are quick. */
export async function givenEvents(customerId: string, n: number): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    insert into interaction_events (customer_id, channel, kind, occurred_at)
    select ${customerId}, 'web', 'page_view', timestamptz '2026-06-01T12:00:00Z' - make_interval(mins => g)
    from generate_series(1, ${n}::int) g`);
}

/** The file names in a zip (throws on a broken zip). */
export function zipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export async function readAll(stream: AsyncIterable<Uint8Array | Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}
