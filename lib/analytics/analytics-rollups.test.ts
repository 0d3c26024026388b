import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { purposes, users, withdrawalReasons } from "@/db/schema";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor";
import { setConsent } from "@/lib/consent/set-consent";
import { AppError } from "@/lib/errors";
import { osloDay } from "@/lib/requests/due-date";
import { fileRequest, setRequestStatus } from "@/lib/requests/record-request";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { readConsentOverview, readPurposeAnalytics } from "./consent-analytics";
import { rollups } from "./rollups.test-support";

const source = { channel: "web", userAgent: "vitest", locale: "en" } as const;
let product: StaffActor;
let agent: StaffActor;
const people: CustomerActor[] = [];

const cell = (cells: { category: string; count: number | null }[], category: string) =>
  cells.find((c) => c.category === category)?.count;

beforeAll(async () => {
  await givenPublishedPurposes();
  product = await givenStaff("product");
  agent = await givenStaff("agent");
  for (let i = 0; i < 20; i++) people.push(await givenCustomer(`rollup${i}`));
  // 12 agree to the newsletter, 2 of them change their minds; 3 withdraw product analytics.
  for (const person of people.slice(0, 12)) {
    await setConsent(person, { purposeKey: "newsletter", purposeVersion: 1, granted: true, source });
  }
  for (const person of people.slice(0, 2)) {
    await setConsent(person, { purposeKey: "newsletter", purposeVersion: 1, granted: false, source });
  }
});

describe("consent rollups", () => {
  it("are kept by the writers in the same transaction and equal a rebuild from the rows", async () => {
    const db = await getDb();
    const kept = await rollups();
    expect(kept.current).toContainEqual({ purpose_key: "newsletter", purpose_version: 1, last_action: "granted", n: 10 });
    expect(kept.current).toContainEqual({ purpose_key: "newsletter", purpose_version: 1, last_action: "withdrawn", n: 2 });
    await db.execute(sql`select analytics_rollups_rebuild()`);
    expect(await rollups()).toEqual(kept);
  });

  it("shows the product team every group, and none under 10 exactly", async () => {
    const overview = await readConsentOverview(product, "en");
    const newsletter = overview.find((p) => p.key === "newsletter")!;
    expect(newsletter.total).toBe(20);
    expect(cell(newsletter.cells, "granted")).toBe(10);
    // 2 withdrew and 8 never answered: both under 10, so both hidden; together they are 10.
    expect(cell(newsletter.cells, "withdrawn")).toBeNull();
    expect(cell(newsletter.cells, "never")).toBeNull();
    expect(newsletter.cells.find((c) => c.category === "granted")!.share).toBeCloseTo(10 / 20);
    for (const purpose of overview) {
      for (const c of purpose.cells) if (c.count !== null) expect(c.count).toBeGreaterThanOrEqual(10);
    }
    // A purpose nobody answered: everyone in "never". The empty groups say "< 10", not 0, and
    // "never" is hidden too: 20 of 20 beside the total would make every other group 0.
    const analytics = overview.find((p) => p.key === "product_analytics")!;
    expect(analytics.total).toBe(20);
    expect(analytics.cells.map((c) => c.count)).toEqual(analytics.cells.map(() => null));
  });

  it("answers only the product team", async () => {
    for (const actor of [agent, people[0]!, null]) {
      await expect(readConsentOverview(actor, "en")).rejects.toBeInstanceOf(AppError);
      await expect(readPurposeAnalytics(actor, { purposeKey: "newsletter", locale: "en" })).rejects.toBeInstanceOf(AppError);
    }
    await expect(readPurposeAnalytics(product, { purposeKey: "no_such_purpose", locale: "en" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("gives a daily series that ends at now, the last hour's events and a re-consent after a material version", async () => {
    const db = await getDb();
    let detail = await readPurposeAnalytics(product, { purposeKey: "newsletter", locale: "en" });
    expect(detail.series).toHaveLength(90);
    const last = detail.series.at(-1)!;
    expect(cell(last.cells, "granted")).toBe(10);
    // Before these customers existed, there was nobody to count.
    expect(detail.series[0]!.total).toBeNull();
    // 14 events in the last hour: 12 grants (shown), 2 withdrawals (hidden).
    expect(detail.lastHour).toEqual([
      { action: "granted", events: 12 },
      { action: "withdrawn", events: null },
      { action: "expired", events: null },
    ]);

    // A material version 2: the ten who agreed to version 1 are asked again.
    const [v1] = await db.select().from(purposes).where(and(eq(purposes.key, "newsletter"), eq(purposes.version, 1)));
    await db.transaction(async (tx) => {
      await tx.update(purposes).set({ status: "retired", retiredAt: new Date() }).where(and(eq(purposes.key, "newsletter"), eq(purposes.version, 1)));
      await tx.insert(purposes).values({ ...v1!, version: 2, status: "published", publishedAt: new Date(), materialVersion: null, retiredAt: null });
    });
    detail = await readPurposeAnalytics(product, { purposeKey: "newsletter", locale: "en" });
    expect(detail.version).toBe(2);
    expect(cell(detail.cells, "granted")).toBeNull();
    expect(cell(detail.cells, "reconsent")).toBe(10);
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(detail.versions.map((v) => v.change)).toEqual(["material", "first"]);
    // Ten agree to version 2: back in "granted", out of "reconsent".
    for (const person of people.slice(2, 12)) {
      await setConsent(person, {
        purposeKey: "newsletter",
        purposeVersion: 2,
        granted: true,
        source,
        method: "reconsent_prompt",
        agreedVersion: 1,
      });
    }
    detail = await readPurposeAnalytics(product, { purposeKey: "newsletter", locale: "en" });
    expect(cell(detail.cells, "granted")).toBe(10);
    expect(cell(detail.cells, "reconsent")).toBeNull();
    expect(detail.versions[0]!.after.granted?.count).toBe(10);
  });

  it("counts withdrawal reasons only from 10 up, and only from the day after", async () => {
    const db = await getDb();
    const today = osloDay(new Date());
    const yesterday = osloDay(new Date(Date.now() - 24 * 60 * 60 * 1000));
    await db.insert(withdrawalReasons).values([
      ...Array.from({ length: 11 }, () => ({ purposeKey: "newsletter", reason: "too_many_messages" as const, recordedOn: yesterday })),
      ...Array.from({ length: 3 }, () => ({ purposeKey: "newsletter", reason: "privacy_concern" as const, recordedOn: yesterday })),
      // Today's would point at today's withdrawals: not shown until tomorrow.
      ...Array.from({ length: 12 }, () => ({ purposeKey: "newsletter", reason: "other" as const, recordedOn: today })),
    ]);
    const { reasons } = await readPurposeAnalytics(product, { purposeKey: "newsletter", locale: "en" });
    expect(reasons.total).toBe(14);
    // 3 is under 10; with the total shown, 11 would give it back, so 11 is hidden too.
    expect(reasons.cells).toEqual([
      { reason: "privacy_concern", count: null, share: null },
      { reason: "too_many_messages", count: null, share: null, shields: true },
    ]);
  });

  it("follows requests, staff looks and an erasure", async () => {
    const db = await getDb();
    const before = await rollups();
    const person = people[13]!;
    await db.transaction(async (tx) => {
      const request = await fileRequest(tx, { customerId: person.customerId, kind: "restriction", reason: "why" });
      await setRequestStatus(tx, { requestId: request.id, scope: person, to: "completed" });
      await setRequestStatus(tx, { requestId: request.id, scope: person, to: "lifted" });
    });
    const after = await rollups();
    const sum = (rows: Record<string, unknown>[]) => rows.reduce((n, r) => n + Number(r.n), 0);
    expect(sum(after.received) - sum(before.received)).toBe(1);
    // Completed once; lifting it later is not a second answer.
    expect(sum(after.answered) - sum(before.answered)).toBe(1);
    expect(after.answered.find((r) => r.kind === "restriction")).toMatchObject({ days: 0, on_time: true });

    // Erasing a customer who agreed: one customer and one agreement fewer, from today.
    await db.delete(users).where(eq(users.id, people[11]!.customerId));
    const overview = await readConsentOverview(product, "en");
    const newsletter = overview.find((p) => p.key === "newsletter")!;
    expect(newsletter.total).toBe(19);
    expect(cell(newsletter.cells, "granted")).toBeNull();
  });
});
