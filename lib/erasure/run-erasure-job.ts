import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { databaseNow } from "@/db/time";
import {
  addresses,
  consentStates,
  customers,
  dataSubjectRequests,
  erasureRecords,
  jobs,
  orders,
  rateLimitBuckets,
  retainedRecords,
  systemReads,
  users,
  verificationTokens,
} from "@/db/schema";
import { customerScope, systemScope, type SystemScope } from "@/lib/auth/customer-scope";
import type { JobContext } from "@/lib/jobs/runner";
import type { Locale } from "@/lib/i18n/locales";
import { enqueueErasureNotice } from "@/lib/outbox/enqueue-webhook-event";
import { pseudonymise } from "@/lib/security/hash";
import { erasureTables } from "./erasure-tables";
import { invoiceKeepUntil, mustKeepInvoice, osloToday } from "@/lib/retention/invoice-retention";
import { afterErasure } from "./after-erasure";
import { rowsOf } from "@/db/rows-of";

export type ErasureStep = { table: string; deleted: number };
export type ErasureOptions = {
  /** Called inside the transaction after each table is deleted (the crash test pauses here). */
  onStep?: (step: ErasureStep) => Promise<void> | void;
};

// Rate-limit buckets are keyed `name:pseudonymise(purpose, value)`; these are the purposes
// used with a customer's email or id (lib/auth/request-sign-in-link.ts, recent-sign-in.ts,
// lib/support/support-codes.ts). Export counts its requests instead of a bucket, so nothing
// of it outlives the account.
const RATE_LIMIT_PURPOSES = ["email", "reauth", "support-code"] as const;

type Outcome = { email: string; locale: Locale; requestId: string } | null;

/**
 * Runs a due erasure in ONE transaction: keeps what the Bookkeeping Act requires in
 * retained_records (without customer id or contact details), deletes every row about the
 * customer in every table, and leaves an erasure record without personal data. The job
 * row is locked first, so no other worker can run it at the same time, and an existing
 * erasure record makes a second run a no-op: it completes exactly once.
 */
export async function runErasureJob(context: JobContext, options: ErasureOptions = {}): Promise<void> {
  const outcome: Outcome = await context.db.transaction((tx) => eraseInTransaction(tx, context.job.id, options));
  if (!outcome) return;
  console.info(`[tillit] erasure ${outcome.requestId} completed`);
  // After commit, never inside the transaction: mail is a network call.
  await afterErasure({ email: outcome.email, locale: outcome.locale }).catch((error: unknown) =>
    console.error(
      `[tillit] erasure ${outcome.requestId}: follow-up failed: ${error instanceof Error ? error.name : "unknown"}`,
    ),
  );
}

async function eraseInTransaction(tx: Tx, jobId: string, options: ErasureOptions): Promise<Outcome> {
  const [job] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for("update").limit(1);
  if (!job) return null;
  const [request] = await tx
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.id, job.requestId), eq(dataSubjectRequests.kind, "erasure")))
    .for("update")
    .limit(1);
  if (!request || !["scheduled", "in_progress"].includes(request.status)) return null;
  const [done] = await tx
    .select({ id: erasureRecords.requestId })
    .from(erasureRecords)
    .where(eq(erasureRecords.requestId, request.id))
    .limit(1);
  if (done) return null;

  const customerId = request.customerId;
  const [person] = await tx
    .select({
      email: users.email,
      givenName: customers.givenName,
      familyName: customers.familyName,
      locale: customers.locale,
      customerNumber: customers.customerNumber,
      pseudonymousId: customers.pseudonymousId,
    })
    .from(users)
    .innerJoin(customers, eq(customers.id, users.id))
    .where(eq(users.id, customerId))
    .limit(1)
    // Waits for API reads in flight to commit (they hold FOR KEY SHARE on the customer), so
    // the system_reads step below sees them; later ones wait for this erasure, then skip her.
    .for("update", { of: customers });
  if (!person) return null;

  const retained = await keepInvoices(tx, {
    scope: systemScope(customerId, "erasure job"),
    requestId: request.id,
    person,
  });

  const counts: Record<string, number> = {};
  const tables = erasureTables();
  for (const table of tables) {
    counts[table.name] = await countRows(
      tx,
      sql`select count(*)::int as n from ${sql.identifier(table.name)} where ${table.rowsOf(customerId)}`,
    );
  }
  // Answered now, so the report's rollups count it (received, then answered on time or
  // not) before its row goes with the rest.
  await tx
    .update(dataSubjectRequests)
    .set({ status: "completed", completedAt: sql`statement_timestamp()`, updatedAt: sql`statement_timestamp()` })
    .where(eq(dataSubjectRequests.id, request.id));
  // Consent states one purpose at a time, in key order: each delete moves the consent
  // rollups' rows, which other writers also take in key order, so the two cannot deadlock.
  const stateKeys = await tx
    .select({ key: consentStates.purposeKey })
    .from(consentStates)
    .where(eq(consentStates.customerId, customerId))
    .orderBy(asc(consentStates.purposeKey));
  for (const { key } of stateKeys) {
    await tx
      .delete(consentStates)
      .where(and(eq(consentStates.customerId, customerId), eq(consentStates.purposeKey, key)));
  }
  for (const table of tables) {
    // Children first; a table without a cascading foreign key is covered all the same.
    await tx.execute(sql`delete from ${sql.identifier(table.name)} where ${table.rowsOf(customerId)}`);
    await options.onStep?.({ table: table.name, deleted: counts[table.name]! });
  }

  // Kept outside foreign keys: sign-in links (by email) and rate-limit buckets (by HMAC).
  const tokens = await tx
    .delete(verificationTokens)
    .where(eq(verificationTokens.identifier, person.email))
    .returning({ token: verificationTokens.token });
  counts.verification_tokens = tokens.length;
  const subjects = RATE_LIMIT_PURPOSES.flatMap((p) => [pseudonymise(p, person.email), pseudonymise(p, customerId)]);
  const buckets = await tx
    .delete(rateLimitBuckets)
    .where(inArray(sql`right(${rateLimitBuckets.key}, 32)`, subjects))
    .returning({ key: rateLimitBuckets.key });
  counts.rate_limit_buckets = buckets.length;

  counts.system_reads = await eraseFromSystemReads(tx, customerId);

  // The notice to the systems we sent their data to (Art. 19), written after the deletes
  // (which take the customer's earlier, undelivered messages with them).
  await enqueueErasureNotice(tx, {
    customerId,
    customerNumber: person.customerNumber,
    pseudonymousId: person.pseudonymousId,
  });

  await tx.insert(erasureRecords).values({
    requestId: request.id,
    requestedAt: request.receivedAt,
    tables: Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)),
    retained: retained > 0 ? { invoice: retained } : {},
  });
  return { email: person.email, locale: person.locale, requestId: request.id };
}

/**
 * Other systems' reads name their customers in an array (system_reads): the customer leaves
 * each one, then a read that names nobody any more goes (judged after the update, so two
 * erasures at once of a read's only two customers still leave no empty read). Returns how
 * many reads named her.
 */
async function eraseFromSystemReads(tx: Tx, customerId: string): Promise<number> {
  const hers = await tx
    .update(systemReads)
    .set({ customerIds: sql`array_remove(${systemReads.customerIds}, ${customerId})` })
    .where(sql`${systemReads.customerIds} @> array[${customerId}]::text[]`)
    .returning({ id: systemReads.id, left: sql<number>`cardinality(${systemReads.customerIds})` });
  const emptied = hers.filter((read) => Number(read.left) === 0).map((read) => read.id);
  if (emptied.length > 0) await tx.delete(systemReads).where(inArray(systemReads.id, emptied));
  return hers.length;
}

async function keepInvoices(
  tx: Tx,
  input: { scope: SystemScope; requestId: string; person: { givenName: string; familyName: string } },
): Promise<number> {
  const today = osloToday(await databaseNow(tx));
  const [billing] = await tx
    .select()
    .from(addresses)
    .where(customerScope(addresses, input.scope))
    .orderBy(desc(addresses.isPrimary), asc(addresses.createdAt))
    .limit(1);
  const rows = await tx.select().from(orders).where(customerScope(orders, input.scope)).orderBy(asc(orders.placedAt));
  const kept = rows.filter((order) => mustKeepInvoice(order.placedAt, today));
  if (kept.length === 0) return 0;
  // What an invoice must show (the buyer's name and address); no customer id, email or phone.
  await tx.insert(retainedRecords).values(
    kept.map((order) => ({
      kind: "invoice" as const,
      legalPurpose: "bookkeeping" as const,
      keepUntil: invoiceKeepUntil(order.placedAt),
      erasureRequestId: input.requestId,
      data: {
        orderNumber: order.orderNumber,
        orderDate: order.placedAt.toISOString(),
        itemCount: order.itemCount,
        totalOre: order.totalOre,
        discountOre: order.offerSavingOre,
        currency: order.currency,
        buyerName: `${input.person.givenName} ${input.person.familyName}`,
        billingAddress: billing
          ? {
              line1: billing.line1,
              line2: billing.line2,
              postcode: billing.postcode,
              city: billing.city,
              country: billing.country,
            }
          : null,
      },
    })),
  );
  return kept.length;
}

async function countRows(tx: Tx, query: ReturnType<typeof sql>): Promise<number> {
  const result = (await tx.execute(query)) as unknown;
  const rows = rowsOf<{ n: number | string }>(result);
  return Number(rows[0]?.n ?? 0);
}
