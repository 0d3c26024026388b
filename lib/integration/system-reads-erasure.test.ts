import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiCalls, systemReads } from "@/db/schema";
import { endGracePeriod } from "@/lib/erasure/erasure.test-support";
import { requestErasure } from "@/lib/erasure/request-erasure";
import { runErasureJob } from "@/lib/erasure/run-erasure-job";
import { claimNextJob } from "@/lib/jobs/queue";
import { givenPreferencePurposes } from "@/lib/preferences/preferences.test-support";
import { givenCustomer } from "@/lib/testing/factories";
import { checkConsent } from "./check-consent";
import { parseCustomerReference } from "./customer-reference";
import { givenApiClient, referencesOf } from "./integration.test-support";

// system_reads keeps customers in an array, where no foreign key guards them: a read that
// commits after the erasure took the customer out of every array would leave her id
// behind. Readers lock the customers FOR KEY SHARE; the erasure locks her FOR UPDATE first.
// Two connections are needed to race them: PGlite has one.
const usesPostgres = Boolean(process.env.DATABASE_URL?.trim());

beforeAll(async () => {
  await givenPreferencePurposes();
});

describe.skipIf(!usesPostgres)("a read racing an erasure (PostgreSQL: needs two connections)", () => {
  it("waits for the erasure, then no longer finds her, and leaves no trace of her", async () => {
    const db = await getDb();
    const leaving = { ...(await givenCustomer("racing-erasure")), signedInAt: new Date() };
    const staying = await givenCustomer("racing-bystander");
    const client = await givenApiClient(["consent.check.bulk"], "Campaign tool");
    const reader = await givenApiClient(["consent.read"], "Web shop");
    const refs = await Promise.all([leaving, staying].map((c) => referencesOf(c.customerId)));

    const { requestId } = await requestErasure(leaving);
    await endGracePeriod(db, requestId);
    const job = await claimNextJob(db, { workerId: "race-test", kinds: ["erasure"] });
    expect(job).not.toBeNull();
    // The erasure pauses inside its transaction, after it locked her and deleted a table.
    let paused!: () => void;
    const reachedPause = new Promise<void>((resolve) => (paused = resolve));
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    let steps = 0;
    const erasure = runErasureJob(
      { db, job: job!, workerId: "race-test", reportProgress: async () => {} },
      {
        onStep: async () => {
          if (++steps !== 1) return;
          paused();
          await resumed;
        },
      },
    );
    await reachedPause;

    let answered = 0;
    const check = checkConsent(client.actor, {
      purposeKey: "newsletter",
      references: refs.map((r) => parseCustomerReference(r.number)!),
      mode: "bulk",
    }).finally(() => answered++);
    const single = checkConsent(reader.actor, {
      purposeKey: "newsletter",
      references: [parseCustomerReference(refs[0]!.pseudonym)!],
      mode: "one",
    }).finally(() => answered++);
    // Both reads wait on her row lock while the erasure is under way.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answered).toBe(0);

    resume();
    await erasure;
    const result = await check;
    expect(result.results.map((r) => [r.customer, r.reason])).toEqual([
      [refs[0]!.number, "erased"],
      [refs[1]!.number, "not_asked"],
    ]);
    // One customer: "erased" too (not a 404), and an answered call.
    expect((await single).results.map((r) => r.reason)).toEqual(["erased"]);
    const calls = await db.select().from(apiCalls).where(eq(apiCalls.clientId, reader.clientId));
    expect(calls.map((c) => [c.operation, c.status, c.customerId])).toEqual([["checkConsent", 200, null]]);
    // Of every read in this database, only the bulk check's is left, naming the bystander.
    const reads = await db.select().from(systemReads);
    expect(reads.map((r) => [r.clientId, r.customerIds])).toEqual([[client.clientId, [staying.customerId]]]);
  });
});

describe.skipIf(!usesPostgres)("checks of one customer while another customer's row is locked (PostgreSQL)", () => {
  it("answers the others at once, and her checks once the lock is gone", async () => {
    // Her erasure (or a profile write) holds her row FOR UPDATE; checks about her wait for it.
    // Grouped checks (oneChecks) must not hold everyone else's checks behind hers.
    const db = await getDb();
    const locked = await givenCustomer("locked-row");
    const others = await Promise.all(["free-1", "free-2", "free-3", "free-4"].map((name) => givenCustomer(name)));
    const reader = await givenApiClient(["consent.read"], "Booking system");
    const [lockedRef, ...otherRefs] = await Promise.all([locked, ...others].map((c) => referencesOf(c.customerId)));
    const ask = (number: string) =>
      checkConsent(reader.actor, {
        purposeKey: "newsletter",
        references: [parseCustomerReference(number)!],
        mode: "one",
      });

    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let lockTaken!: () => void;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from customers where id = ${locked.customerId} for update`);
      lockTaken();
      await released;
    });
    await taken;

    let lockedAnswered = 0;
    // Two checks about her: each its own statement (she is read twice), both waiting.
    const aboutHer = [ask(lockedRef!.number), ask(lockedRef!.number)].map((p) => p.finally(() => lockedAnswered++));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const aboutOthers = await Promise.all(otherRefs.map((ref) => ask(ref.number)));
    expect(aboutOthers.map((check) => check.results[0]!.reason)).toEqual(Array(4).fill("not_asked"));
    expect(lockedAnswered).toBe(0);

    release();
    await holder;
    const answers = await Promise.all(aboutHer);
    expect(answers.map((check) => check.results[0]!.reason)).toEqual(["not_asked", "not_asked"]);
    const herReads = await db
      .select()
      .from(systemReads)
      .where(sql`${locked.customerId} = any(${systemReads.customerIds})`);
    expect(herReads).toHaveLength(2);
  });
});
