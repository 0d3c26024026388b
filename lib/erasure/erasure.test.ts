import { and, count, eq, sql, type SQL } from "drizzle-orm";
import type { PgTable, PgView } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import {
  apiClients,
  customerAccessLog,
  customers,
  dataSubjectRequests,
  erasureRecords,
  jobs,
  orders,
  rateLimitBuckets,
  retainedRecords,
  sessions,
  systemReads,
  users,
  verificationTokens,
  webhookSubscriptions,
  type WebhookEventType,
} from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { jobHandlers } from "@/lib/job-handlers";
import { claimNextJob } from "@/lib/jobs/queue";
import { runDueJobs } from "@/lib/jobs/runner";
import { checkConsent } from "@/lib/integration/check-consent";
import { parseCustomerReference } from "@/lib/integration/customer-reference";
import { givenApiClient, referencesOf } from "@/lib/integration/integration.test-support";
import { pseudonymise } from "@/lib/security/hash";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { cancelErasure } from "./cancel-erasure";
import { erasureTables, schemaTableNames } from "./erasure-tables";
import { getErasureOverview, getScheduledErasure } from "./get-erasure-overview";
import { requestErasure } from "./request-erasure";
import { purgeExpiredRetainedRecords, readRetainedRecords } from "./retained-records";
import { endGracePeriod, givenCustomerData } from "./erasure.test-support";
import { rowsOf } from "@/db/rows-of";

const DAY = 24 * 60 * 60 * 1000;

async function givenRecentCustomer(name: string) {
  const customer = await givenCustomer(name);
  await givenCustomerData(await getDb(), customer.customerId);
  return { ...customer, signedInAt: new Date() } satisfies CustomerActor & { email: string };
}

async function rowCount(table: PgTable | PgView, where: SQL) {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  await givenPublishedPurposes();
});

describe("requesting an erasure", () => {
  it("needs a sign-in from the last 10 minutes", async () => {
    const customer = await givenRecentCustomer("stale");
    await expect(requestErasure({ ...customer, signedInAt: new Date(Date.now() - 11 * 60_000) })).rejects.toMatchObject(
      { code: "forbidden", messageKey: "reauthRequired" },
    );
    const { signedInAt: _, ...noSignIn } = customer;
    await expect(requestErasure(noSignIn)).rejects.toMatchObject({ messageKey: "reauthRequired" });
    expect(await getScheduledErasure(customer)).toBeNull();
  });

  it("is for customers only", async () => {
    const agent = await givenStaff("agent");
    await expect(requestErasure({ ...agent, signedInAt: new Date() })).rejects.toMatchObject({ code: "forbidden" });
    await expect(requestErasure(null)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("schedules the deletion after 14 days and refuses a second request while one is pending", async () => {
    const customer = await givenRecentCustomer("twice");
    const { requestId, scheduledFor } = await requestErasure(customer);
    const days = (scheduledFor.getTime() - Date.now()) / DAY;
    expect(days).toBeGreaterThan(13.99);
    expect(days).toBeLessThan(14.01);
    const db = await getDb();
    const [job] = await db.select().from(jobs).where(eq(jobs.requestId, requestId));
    expect(job).toMatchObject({ kind: "erasure", status: "queued" });
    expect(job!.runAt.getTime()).toBe(scheduledFor.getTime());
    const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId));
    expect(request).toMatchObject({ kind: "erasure", status: "scheduled" });

    await expect(requestErasure(customer)).rejects.toMatchObject({ code: "conflict", messageKey: "erasurePending" });
    expect(await rowCount(jobs, eq(jobs.customerId, customer.customerId))).toBe(1);
    expect(await getScheduledErasure(customer)).toEqual({ requestId, scheduledFor });
    // Nothing runs before the grace period is over.
    expect(await runDueJobs(db, jobHandlers)).toBe(0);
    expect(await rowCount(users, eq(users.id, customer.customerId))).toBe(1);
  });

  it("lists what is deleted, what is kept until when, and who already received data", async () => {
    const customer = await givenRecentCustomer("overview");
    const overview = await getErasureOverview(customer, "en");
    expect(overview.categories.find((c) => c.key === "orders")?.count).toBe(3);
    expect(overview.other.find((c) => c.key === "sessions")?.count).toBe(1);
    const year = (daysAgo: number) =>
      Number(
        new Intl.DateTimeFormat("en", { timeZone: "Europe/Oslo", year: "numeric" }).format(
          new Date(Date.now() - daysAgo * DAY),
        ),
      );
    const expected = new Map<number, number>();
    for (const d of [10, 400]) expected.set(year(d), (expected.get(year(d)) ?? 0) + 1);
    expect(overview.keptInvoices).toEqual(
      [...expected.entries()]
        .sort(([a], [b]) => a - b)
        .map(([y, n]) => ({ year: y, orders: n, keepUntil: `${y + 5}-12-31` })),
    );
    expect(overview.ordersPastRetention).toBe(1);
    expect(overview.scheduled).toBeNull();
  });

  it("names the systems that will be told of the erasure: active clients subscribed to it, each once", async () => {
    const customer = await givenRecentCustomer("told");
    const db = await getDb();
    const subscribe = async (
      name: string,
      eventTypes: WebhookEventType[],
      options: { revoked?: boolean; disabled?: boolean } = {},
    ) => {
      const [client] = await db
        .insert(apiClients)
        .values({
          name,
          scopes: ["webhooks.manage"],
          createdBy: "test",
          country: "SE",
          revokedAt: options.revoked ? new Date() : null,
        })
        .returning();
      for (const path of ["/a", "/b"]) {
        await db.insert(webhookSubscriptions).values({
          clientId: client!.id,
          url: `https://hooks.example.com${path}`,
          eventTypes,
          secretCiphertext: "x",
          disabledAt: options.disabled ? new Date() : null,
        });
      }
    };
    await subscribe("Web shop", ["customer.erased", "consent.changed"]);
    await subscribe("Analytics", ["consent.changed"]);
    await subscribe("Old CRM", ["customer.erased"], { revoked: true });
    await subscribe("Paused CRM", ["customer.erased"], { disabled: true });
    expect((await getErasureOverview(customer, "en")).notified).toEqual([{ name: "Web shop", country: "SE" }]);
    // The later tests here run erasures: no notices for them.
    await db.update(webhookSubscriptions).set({ disabledAt: new Date() });
  });
});

describe("cancelling an erasure", () => {
  it("cancels during the grace period, and a cancelled erasure never runs", async () => {
    const customer = await givenRecentCustomer("cancel");
    const { requestId } = await requestErasure(customer);
    const db = await getDb();
    await endGracePeriod(db, requestId);
    await cancelErasure({ ...customer, signedInAt: undefined }, requestId);
    const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId));
    expect(request!.status).toBe("cancelled");
    expect(await rowCount(jobs, eq(jobs.requestId, requestId))).toBe(0);

    expect(await runDueJobs(db, jobHandlers)).toBe(0);
    expect(await rowCount(users, eq(users.id, customer.customerId))).toBe(1);
    expect(await rowCount(orders, eq(orders.customerId, customer.customerId))).toBe(3);
    expect(await rowCount(erasureRecords, eq(erasureRecords.requestId, requestId))).toBe(0);

    await expect(cancelErasure(customer, requestId)).rejects.toMatchObject({
      code: "conflict",
      messageKey: "erasureNotCancellable",
    });
    // After a cancellation a new request can be made.
    const again = await requestErasure(customer);
    expect(again.requestId).not.toBe(requestId);
  });

  it("refuses another customer's request as not found, and a running one as not cancellable", async () => {
    const owner = await givenRecentCustomer("owner");
    const other = await givenRecentCustomer("other");
    const { requestId } = await requestErasure(owner);
    await expect(cancelErasure(other, requestId)).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelErasure(other, "no-such-request")).rejects.toMatchObject({ code: "not_found" });
    const agent = await givenStaff("agent");
    await expect(cancelErasure(agent, requestId)).rejects.toMatchObject({ code: "forbidden" });

    const db = await getDb();
    await endGracePeriod(db, requestId);
    const claimed = await claimNextJob(db, { workerId: "test-worker", kinds: ["erasure"] });
    expect(claimed?.requestId).toBe(requestId);
    await expect(cancelErasure(owner, requestId)).rejects.toMatchObject({ messageKey: "erasureNotCancellable" });
    const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId));
    expect(request!.status).toBe("scheduled");
    // Leave no running job behind for the next tests.
    await db.delete(jobs).where(eq(jobs.id, claimed!.id));
  });
});

describe("the erasure job", () => {
  it("deletes every row about the customer once the grace period is over, exactly once", async () => {
    const customer = await givenRecentCustomer("erase");
    const bystander = await givenRecentCustomer("bystander");
    const db = await getDb();
    await db.insert(verificationTokens).values({
      identifier: customer.email,
      token: "t-erase",
      expires: new Date(Date.now() + 60_000),
    });
    await consumeRateLimit(db, { name: "email", limit: 5, windowSeconds: 900 }, pseudonymise("email", customer.email));
    await consumeRateLimit(
      db,
      { name: "reauth", limit: 5, windowSeconds: 900 },
      pseudonymise("reauth", customer.customerId),
    );
    await consumeRateLimit(db, { name: "email", limit: 5, windowSeconds: 900 }, pseudonymise("email", bystander.email));
    // An agent's tries at the customer's support code (lib/support/support-codes.ts).
    await consumeRateLimit(
      db,
      { name: "support-code-customer", limit: 10, windowSeconds: 900 },
      pseudonymise("support-code", customer.customerId),
    );

    const { requestId } = await requestErasure(customer);
    await endGracePeriod(db, requestId);
    expect(await runDueJobs(db, jobHandlers)).toBe(1);

    for (const table of erasureTables()) {
      const result = (await db.execute(
        sql`select count(*)::int as n from ${sql.identifier(table.name)} where ${table.rowsOf(customer.customerId)}`,
      )) as unknown;
      const rows = rowsOf<{ n: number }>(result);
      expect({ table: table.name, n: Number(rows[0]!.n) }).toEqual({ table: table.name, n: 0 });
    }
    expect(await rowCount(sessions, eq(sessions.userId, customer.customerId))).toBe(0);
    expect(await rowCount(verificationTokens, eq(verificationTokens.identifier, customer.email))).toBe(0);
    const buckets = await db.select({ key: rateLimitBuckets.key }).from(rateLimitBuckets);
    expect(buckets.map((b) => b.key)).toEqual([`email:${pseudonymise("email", bystander.email)}`]);

    const [record] = await db.select().from(erasureRecords).where(eq(erasureRecords.requestId, requestId));
    expect(record!.tables).toMatchObject({
      users: 1,
      customers: 1,
      orders: 3,
      addresses: 1,
      sessions: 1,
      sign_in_events: 1,
      data_subject_requests: 1,
      jobs: 1,
      verification_tokens: 1,
      rate_limit_buckets: 3,
    });
    expect(record!.retained).toEqual({ invoice: 2 });
    expect(JSON.stringify(record)).not.toContain(customer.customerId);
    expect(JSON.stringify(record)).not.toContain(customer.email);

    const kept = await db.select().from(retainedRecords).where(eq(retainedRecords.erasureRequestId, requestId));
    expect(kept).toHaveLength(2);
    for (const invoice of kept) {
      expect(invoice.legalPurpose).toBe("bookkeeping");
      expect(invoice.data).toMatchObject({ buyerName: "erase Tester", currency: "NOK" });
      expect(invoice.data.billingAddress).toMatchObject({ line1: "Testveien 1", city: "Oslo" });
      const text = JSON.stringify(invoice);
      expect(text).not.toContain(customer.customerId);
      expect(text).not.toContain(customer.email);
    }

    // The bystander is untouched.
    expect(await rowCount(customers, eq(customers.id, bystander.customerId))).toBe(1);
    expect(await rowCount(orders, eq(orders.customerId, bystander.customerId))).toBe(3);
    expect(await rowCount(sessions, eq(sessions.userId, bystander.customerId))).toBe(1);

    // Exactly once: a second run (even of a re-queued job) changes nothing.
    expect(await runDueJobs(db, jobHandlers)).toBe(0);
    expect(await rowCount(erasureRecords, eq(erasureRecords.requestId, requestId))).toBe(1);
    expect(await rowCount(retainedRecords, eq(retainedRecords.erasureRequestId, requestId))).toBe(2);
  });

  it("takes the customer out of other systems' reads: a read about her alone goes, a shared one keeps the others", async () => {
    const customer = await givenRecentCustomer("read-erase");
    const other = await givenRecentCustomer("read-keep");
    const db = await getDb();
    const client = await givenApiClient(["consent.check.bulk"], "Campaign tool");
    const references = await Promise.all([customer, other].map((c) => referencesOf(c.customerId)));
    // A bulk check about both, then a check about her alone.
    await checkConsent(client.actor, {
      purposeKey: "newsletter",
      references: references.map((r) => parseCustomerReference(r.number)!),
      mode: "bulk",
    });
    await checkConsent(client.actor, {
      purposeKey: "newsletter",
      references: [parseCustomerReference(references[0]!.pseudonym)!],
      mode: "bulk",
    });
    const systemEntries = async (customerId: string) =>
      rowCount(
        customerAccessLog,
        and(eq(customerAccessLog.customerId, customerId), eq(customerAccessLog.staffRole, "system"))!,
      );
    expect(await systemEntries(customer.customerId)).toBe(2);
    expect(await systemEntries(other.customerId)).toBe(1);

    const { requestId } = await requestErasure(customer);
    await endGracePeriod(db, requestId);
    expect(await runDueJobs(db, jobHandlers)).toBe(1);

    const reads = await db.select().from(systemReads).where(eq(systemReads.clientId, client.clientId));
    expect(reads.map((r) => r.customerIds)).toEqual([[other.customerId]]);
    expect(reads[0]).toMatchObject({ clientName: "Campaign tool", purposeKey: "newsletter" });
    expect(await systemEntries(other.customerId)).toBe(1);
    const [record] = await db.select().from(erasureRecords).where(eq(erasureRecords.requestId, requestId));
    expect(record!.tables).toMatchObject({ system_reads: 2 });
  });

  it("does nothing for a job whose erasure record already exists", async () => {
    const customer = await givenRecentCustomer("recorded");
    const db = await getDb();
    const { requestId } = await requestErasure(customer);
    await db.insert(erasureRecords).values({ requestId, requestedAt: new Date(), tables: {} });
    await endGracePeriod(db, requestId);
    expect(await runDueJobs(db, jobHandlers)).toBe(1);
    expect(await rowCount(users, eq(users.id, customer.customerId))).toBe(1);
  });

  it("covers every table that holds a customer id or user id", async () => {
    const db = await getDb();
    const result = (await db.execute(sql`
      select distinct c.table_name as name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      -- Views (customer_access_log) hold no rows of their own.
      where c.table_schema = 'public' and c.column_name in ('customer_id', 'user_id') and t.table_type = 'BASE TABLE'`)) as unknown;
    const rows = rowsOf<{ name: string }>(result);
    const covered = new Set(erasureTables().map((t) => t.name));
    expect(rows.length).toBeGreaterThan(10);
    for (const { name } of rows) expect(covered, name).toContain(name);
    // Every other table is either keyed by the email/HMAC (handled separately) or holds no personal data.
    const notAboutOneCustomer = new Set([
      "verification_tokens",
      "rate_limit_buckets",
      "withdrawal_reasons",
      "consumed_tokens",
      "receipt_signing_keys",
      "purposes",
      "erasure_records",
      "retained_records",
      // Staff going past the browsing guard: the staff member, never the customer.
      "staff_review_events",
      // Staff changes; a customer appears only as a keyed pseudonym, so the chain stays whole.
      "audit_log",
      // Purpose drafts: the product team's texts.
      "purpose_drafts",
      // Rollups: counts per purpose, day, month, slot; no customer anywhere.
      "consent_rollup_current",
      "consent_rollup_daily",
      "consent_rollup_minute",
      "customer_rollup_daily",
      "request_rollup_received",
      "request_rollup_answered",
      "staff_access_rollup_monthly",
      "withdrawal_reason_rollup_daily",
      // Integration: the API clients, their hashed tokens and webhook subscriptions (systems,
      // not customers); events dropped, counted per client, day, purpose and reason; erased
      // customers' references as keyed pseudonyms only.
      "api_clients",
      "api_client_tokens",
      "api_event_drops",
      "erased_references",
      "webhook_subscriptions",
      // Other systems' reads: customers in an array, which the job empties of the customer
      // (its own step, tested below).
      "system_reads",
    ]);
    for (const name of schemaTableNames()) {
      expect(covered.has(name) || notAboutOneCustomer.has(name), name).toBe(true);
    }
    const order = erasureTables().map((t) => t.name);
    expect(order.at(-1)).toBe("users");
    expect(order.indexOf("customers")).toBeGreaterThan(order.indexOf("orders"));
    expect(order.indexOf("export_file_chunks")).toBeLessThan(order.indexOf("data_subject_requests"));
  });
});

describe("kept records", () => {
  it("can be read for bookkeeping only, by no portal role, and go when their time is up", async () => {
    const db = await getDb();
    const base = { kind: "invoice" as const, legalPurpose: "bookkeeping" as const, erasureRequestId: "r-kept" };
    await db.insert(retainedRecords).values([
      { ...base, keepUntil: "2020-12-31", data: { orderNumber: "OLD" } },
      { ...base, keepUntil: "2099-12-31", data: { orderNumber: "NEW" } },
    ]);
    const customer = await givenRecentCustomer("reader");
    for (const reader of [customer, await givenStaff("agent"), await givenStaff("product")]) {
      await expect(readRetainedRecords(reader)).rejects.toMatchObject({ code: "forbidden" });
    }
    for (const purpose of ["marketing", "analytics", "support", "Bookkeeping", ""]) {
      await expect(readRetainedRecords({ kind: "purpose", purpose })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(readRetainedRecords(null)).rejects.toMatchObject({ code: "unauthenticated" });
    const read = await readRetainedRecords({ kind: "purpose", purpose: "bookkeeping" });
    expect(read.map((r) => r.data.orderNumber)).toEqual(expect.arrayContaining(["OLD", "NEW"]));

    expect(await purgeExpiredRetainedRecords(db)).toBeGreaterThanOrEqual(1);
    const left = await readRetainedRecords({ kind: "purpose", purpose: "bookkeeping" });
    expect(left.map((r) => r.data.orderNumber)).toContain("NEW");
    expect(left.map((r) => r.data.orderNumber)).not.toContain("OLD");
  });
});
