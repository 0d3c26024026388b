import { and, asc, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { consentEvents, consentStates, purposes, type ConsentAction, type Purpose } from "@/db/schema";
import { givenCustomer, givenPublishedPurposes } from "@/lib/testing/factories";
import { lockConsent, recordConsentEvent, type ConsentSource } from "./record-consent-event";

const source = (userAgent: string): ConsentSource => ({ channel: "web", userAgent, locale: "en" });
let newsletter: Purpose;
let surveys: Purpose;

beforeAll(async () => {
  await givenPublishedPurposes();
  const db = await getDb();
  const published = await db.select().from(purposes).where(eq(purposes.status, "published"));
  newsletter = published.find((p) => p.key === "newsletter")!;
  surveys = published.find((p) => p.key === "service_surveys")!;
  // A writer that stalls between appending its event and setting the state: the window in
  // which a second writer without the lock would set the state first and be overwritten.
  await db.execute(sql`
    create function test_stall_consent_writer() returns trigger language plpgsql as $$
    begin perform pg_sleep(0.8); return new; end $$`);
  await db.execute(sql`
    create trigger test_stall_consent_writer after insert on consent_events
    for each row when (new.user_agent = 'stalling writer') execute function test_stall_consent_writer()`);
});

function write(customerId: string, action: ConsentAction, userAgent: string, purpose = newsletter) {
  return getDb().then((db) =>
    db.transaction((tx) =>
      recordConsentEvent(tx, { customerId, purpose, action, source: source(userAgent), method: "switch" }),
    ),
  );
}

/** The state and the last event by time (ties by id): they must always agree. */
async function stateAndLastEvent(customerId: string, purposeKey = newsletter.key) {
  const db = await getDb();
  const mine = and(eq(consentEvents.customerId, customerId), eq(consentEvents.purposeKey, purposeKey));
  const [last] = await db
    .select()
    .from(consentEvents)
    .where(mine)
    .orderBy(desc(consentEvents.occurredAt), desc(consentEvents.id))
    .limit(1);
  const [state] = await db
    .select()
    .from(consentStates)
    .where(and(eq(consentStates.customerId, customerId), eq(consentStates.purposeKey, purposeKey)));
  const byTime = await db
    .select({ id: consentEvents.id })
    .from(consentEvents)
    .where(mine)
    .orderBy(asc(consentEvents.occurredAt), asc(consentEvents.id));
  return { state, last, idsByTime: byTime.map((e) => e.id) };
}

describe("recordConsentEvent", () => {
  it("takes the (customer, purpose) lock itself: a second writer waits, and the state is the last event", async () => {
    const kari = await givenCustomer("two-writers");
    await write(kari.customerId, "withdrawn", "setup");
    const first = write(kari.customerId, "granted", "stalling writer");
    // The second starts while the first is between its event and its state (PostgreSQL);
    // on the embedded database, transactions run one at a time anyway.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = write(kari.customerId, "withdrawn", "second writer");
    const [a, b] = await Promise.all([first, second]);

    expect(b.occurredAt.getTime()).toBeGreaterThanOrEqual(a.occurredAt.getTime());
    expect(b.eventId).toBeGreaterThan(a.eventId);
    const { state, last, idsByTime } = await stateAndLastEvent(kari.customerId);
    expect(last).toMatchObject({ id: b.eventId, action: "withdrawn", userAgent: "second writer" });
    expect(state).toMatchObject({ lastEventId: b.eventId, granted: false });
    expect(idsByTime).toEqual([...idsByTime].sort((x, y) => x - y));
  });

  it("leaves the state equal to the last event after many concurrent writers", async () => {
    const kari = await givenCustomer("many-writers");
    const actions: ConsentAction[] = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? "granted" : "withdrawn"));
    const written = await Promise.all(actions.map((action, i) => write(kari.customerId, action, `writer ${i}`)));
    const { state, last, idsByTime } = await stateAndLastEvent(kari.customerId);
    expect(state!.lastEventId).toBe(last!.id);
    expect(state!.granted).toBe(last!.action === "granted");
    expect(idsByTime).toEqual(written.map((e) => e.eventId).sort((x, y) => x - y));
  });

  it("is re-entrant: a caller that already holds the lock (or several, in key order) writes without waiting on itself", async () => {
    const kari = await givenCustomer("reentrant");
    const db = await getDb();
    const held = await db.transaction(async (tx) => {
      for (const purpose of [newsletter, surveys].sort((x, y) => x.key.localeCompare(y.key))) {
        await lockConsent(tx, kari.customerId, purpose.key);
      }
      await lockConsent(tx, kari.customerId, newsletter.key);
      await recordConsentEvent(tx, {
        customerId: kari.customerId,
        purpose: newsletter,
        action: "granted",
        source: source("holder"),
        method: "switch",
      });
      await recordConsentEvent(tx, {
        customerId: kari.customerId,
        purpose: surveys,
        action: "objected",
        source: source("holder"),
        method: "switch",
      });
      const result = await tx.execute(
        sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted`,
      );
      return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
    });
    // One lock per (customer, purpose), however often it was taken; released at commit.
    expect(held[0]!.n).toBe(2);
    expect((await stateAndLastEvent(kari.customerId)).state).toMatchObject({ granted: true });
    expect((await stateAndLastEvent(kari.customerId, surveys.key)).state).toMatchObject({ granted: false });
  });
});
