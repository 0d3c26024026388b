import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { dataSubjectRequests, staffAccessLog } from "@/db/schema";
import { withStaffAccess } from "@/lib/access-log/with-staff-access";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor";
import { setConsent } from "@/lib/consent/set-consent";
import { addCalendarMonths, dueDateFor, osloDay } from "@/lib/requests/due-date";
import { fileRequest, setRequestStatus } from "@/lib/requests/record-request";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { publicTransparencyReport, readTransparencyReport, type TransparencyReport } from "./transparency-report";

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date();
const thisMonth = `${osloDay(now).slice(0, 7)}-01`;
const monthOf = (at: Date) => osloDay(at).slice(0, 7);
const monthsAgo = (n: number) => addCalendarMonths(thisMonth, -n).slice(0, 7);
/** Noon (Oslo) on the 15th, n months back: clear of month ends and daylight-saving shifts. */
const midMonth = (n: number) => new Date(`${monthsAgo(n)}-15T10:00:00Z`);
/**
 * The report shows whole months only, so it is read as of next month: the month this file
 * writes in (the triggers date rows by the database's clock) is then its newest month.
 */
const reportTime = new Date(`${addCalendarMonths(thisMonth, 1)}T12:00:00Z`);
const daysBetween = (from: Date, to: Date) => Math.round((Date.parse(osloDay(to)) - Date.parse(osloDay(from))) / DAY_MS);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

let agent: StaffActor;
const people: CustomerActor[] = [];
/** When each request in this file was received, and how many days its answer took (null: unanswered). */
const filed: { receivedAt: Date; answeredMonth: string | null; days: number | null; onTime: boolean | null }[] = [];

beforeAll(async () => {
  await givenPublishedPurposes();
  agent = await givenStaff("agent");
  for (let i = 0; i < 12; i++) people.push(await givenCustomer(`transparency${i}`));
  const db = await getDb();

  // This month: 12 answered on time, received over the last 12 days; 10 answered late,
  // received 40–49 days ago (due a month later, so passed). Filed by the writer or
  // inserted as received, then answered through the writer, whose change the trigger counts.
  for (let i = 0; i < 2; i++) {
    const person = people[i]!;
    await db.transaction(async (tx) => {
      const request = await fileRequest(tx, { customerId: person.customerId, kind: "rectification", reason: "spelling" });
      await setRequestStatus(tx, { requestId: request.id, scope: person, to: "completed" });
    });
  }
  const answerNow = async (person: CustomerActor, receivedAt: Date) =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .insert(dataSubjectRequests)
        .values({ customerId: person.customerId, kind: "export", status: "received", receivedAt, dueOn: dueDateFor(receivedAt) })
        .returning();
      await setRequestStatus(tx, { requestId: row!.id, scope: person, to: "completed" });
    });
  for (let i = 2; i < 12; i++) await answerNow(people[i]!, new Date(now.getTime() - i * DAY_MS));
  for (let i = 0; i < 10; i++) await answerNow(people[i]!, new Date(now.getTime() - (40 + i) * DAY_MS));
  // Two months ago: 11 answered (10 on time, 1 late); three months ago: 4 answered.
  const answeredBefore = (monthsBack: number, count: number, late: number) =>
    Array.from({ length: count }, (_, i) => {
      const completedAt = midMonth(monthsBack);
      const receivedAt = new Date(completedAt.getTime() - (i < late ? 40 : i + 1) * DAY_MS);
      return {
        customerId: people[i]!.customerId,
        kind: "rectification" as const,
        status: "completed" as const,
        receivedAt,
        dueOn: dueDateFor(receivedAt),
        completedAt,
        updatedAt: completedAt,
      };
    });
  await db.insert(dataSubjectRequests).values([...answeredBefore(2, 11, 1), ...answeredBefore(3, 4, 0)]);
  // Still open: received this month, not answered.
  await db.transaction((tx) => fileRequest(tx, { customerId: people[0]!.customerId, kind: "rectification", reason: "open" }));

  for (const r of await db.select().from(dataSubjectRequests)) {
    const answered = r.completedAt ?? null;
    filed.push({
      receivedAt: r.receivedAt,
      answeredMonth: answered ? monthOf(answered) : null,
      days: answered ? daysBetween(r.receivedAt, answered) : null,
      onTime: answered ? osloDay(answered) <= r.dueOn : null,
    });
  }

  // Staff looks this month: 12 for fraud or security (each with a reveal, which is no
  // second look), 4 for a legal request, one of them through the real writer.
  const entry = (justification: "fraud_security" | "legal_request", i: number) => ({
    customerId: people[i % people.length]!.customerId,
    staffUserId: agent.userId,
    staffRole: "agent" as const,
    staffDisplayName: "Siri",
    reason: "review",
    justification,
    occurredAt: now,
  });
  await db.insert(staffAccessLog).values([
    ...Array.from({ length: 12 }, (_, i) => ({ ...entry("fraud_security", i), action: "view" as const })),
    ...Array.from({ length: 12 }, (_, i) => ({ ...entry("fraud_security", i), action: "reveal" as const, field: "email" })),
    ...Array.from({ length: 3 }, (_, i) => ({ ...entry("legal_request", i), action: "view" as const })),
  ]);
  await db.transaction((tx) =>
    withStaffAccess(
      tx,
      agent,
      { customerId: people[5]!.customerId, justification: "legal_request", reason: "Court order 12/345" },
      async () => null,
    ),
  );

  // Consents: 11 of 12 agree to the newsletter.
  for (const person of people.slice(0, 11)) {
    await setConsent(person, {
      purposeKey: "newsletter",
      purposeVersion: 1,
      granted: true,
      source: { channel: "web", userAgent: "vitest", locale: "en" },
    });
  }
});

const monthIn = (report: TransparencyReport, month: string) => report.months.find((m) => m.month === month)!;

describe("the transparency report", () => {
  it("covers the twelve whole months before the one it is read in, newest first", async () => {
    const report = await readTransparencyReport("en", reportTime);
    expect(report.suppressedBelow).toBe(10);
    expect(report.months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => monthsAgo(i)));
  });

  it("gives a month with 10 or more answers exactly: answered, on time and late with shares, the exact median", async () => {
    const report = await readTransparencyReport("en", reportTime);
    const answered = filed.filter((f) => f.answeredMonth === monthsAgo(0));
    expect(answered).toHaveLength(22);
    const { requests } = monthIn(report, monthsAgo(0));
    expect(requests.answered).toBe(22);
    expect(requests.answeredOnTime).toEqual({ count: 12, share: 12 / 22 });
    expect(requests.answeredLate).toEqual({ count: 10, share: 10 / 22 });
    expect(requests.medianDays).toBe(median(answered.map((f) => f.days!)));
    // The late ones took about 40 days or more (Oslo dates), the on-time ones under 12.
    expect(answered.filter((f) => !f.onTime).every((f) => f.days! >= 38)).toBe(true);
    expect(answered.filter((f) => f.onTime).every((f) => f.days! < 12)).toBe(true);
  });

  it("counts requests in the month they were received, under 10 as null", async () => {
    const report = await readTransparencyReport("en", reportTime);
    for (const m of report.months) {
      const received = filed.filter((f) => monthOf(f.receivedAt) === m.month).length;
      expect(m.requests.received, m.month).toBe(received >= 10 ? received : null);
    }
  });

  it("hides the on-time split when one side is under 10, and a month with under 10 answers entirely", async () => {
    const report = await readTransparencyReport("en", reportTime);
    // 10 on time and 1 late: the late one is hidden, and with the total of 11 shown, the 10 would give it back.
    const twoAgo = monthIn(report, monthsAgo(2)).requests;
    expect(twoAgo.answered).toBe(11);
    expect(twoAgo.answeredOnTime, "hidden for the late one's sake").toEqual({ count: null, share: null, shields: true });
    expect(twoAgo.answeredLate).toEqual({ count: null, share: null });
    expect(twoAgo.medianDays).toBe(median(filed.filter((f) => f.answeredMonth === monthsAgo(2)).map((f) => f.days!)));

    const threeAgo = monthIn(report, monthsAgo(3)).requests;
    expect(threeAgo).toEqual({
      received: null,
      answered: null,
      answeredOnTime: { count: null, share: null },
      answeredLate: { count: null, share: null },
      medianDays: null,
    });
  });

  it("counts staff looks by why, reveals not as looks, under 10 hidden", async () => {
    const report = await readTransparencyReport("en", reportTime);
    const staff = monthIn(report, monthsAgo(0)).staffAccesses;
    expect(staff.total).toBe(16);
    // 12 for fraud or security, 4 for other reasons: 16 − 12 would give the 4 away, so the 12 is hidden too.
    expect(staff.byJustification).toEqual([
      { justification: "customer_request", count: null, share: null },
      { justification: "data_subject_request", count: null, share: null },
      { justification: "fraud_security", count: null, share: null, shields: true },
      { justification: "legal_request", count: null, share: null },
    ]);
    expect(monthIn(report, monthsAgo(1)).staffAccesses.total).toBeNull();
  });

  it("gives each purpose's answers, with its name in both languages for the JSON", async () => {
    const report = await readTransparencyReport("nb", reportTime);
    const newsletter = report.consent.find((p) => p.key === "newsletter")!;
    expect(newsletter.total).toBe(12);
    // 11 of 12 agreed: the one who did not would be 12 − 11, so the 11 is hidden as well.
    expect(newsletter.cells.find((c) => c.category === "granted")).toEqual({
      category: "granted",
      count: null,
      share: null,
      shields: true,
    });
    expect(newsletter.name).toBe(newsletter.names.nb);
    const json = publicTransparencyReport(report).consent.find((p) => p.purpose === "newsletter")!;
    expect(json.name.en).not.toBe(json.name.nb);
    expect(json.name.en.length).toBeGreaterThan(0);
    expect(json.answers.granted).toEqual({ count: null, share: null, shields: true });
    expect(json.answers.never).toEqual({ count: null, share: null });
  });

  it("never publishes a count under 10, anywhere in the JSON", async () => {
    const json = publicTransparencyReport(await readTransparencyReport("en", reportTime));
    const parsed = JSON.parse(JSON.stringify(json)) as unknown;
    const countKeys = new Set(["received", "answered", "count", "total", "customers"]);
    const seen: { path: string; value: number | null }[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (value && typeof value === "object") {
        for (const [key, v] of Object.entries(value)) {
          if (countKeys.has(key) && (typeof v === "number" || v === null)) seen.push({ path: `${path}.${key}`, value: v });
          walk(v, `${path}.${key}`);
        }
      }
    };
    walk(parsed, "$");
    // The walk found the figures (both shown and hidden ones), and none of them is under 10.
    expect(seen.filter((s) => s.value !== null).length).toBeGreaterThan(5);
    expect(seen.filter((s) => s.value === null).length).toBeGreaterThan(5);
    expect(seen.filter((s) => s.value !== null && s.value < 10)).toEqual([]);
    // A share is only given beside a count that is shown.
    const shares = JSON.stringify(parsed).match(/"count":null,"share":[^n]/g);
    expect(shares).toBeNull();
  });
});
