import "server-only";
import type { Executor } from "@/db";
import {
  customers,
  dataSubjectRequestEvents,
  dataSubjectRequests,
  staffAccessLog,
  users,
  withdrawalReasons,
  withdrawalReasonCodes,
} from "@/db/schema";
import { dueDateFor, osloDay } from "@/lib/requests/due-date";
import { recordDemoConsents, type DemoConsent } from "./demo-consent";
import { demoPurposes, demoRetiredPurposes } from "./demo-purposes";

const DAY = 24 * 60 * 60 * 1000;
export const DEMO_POPULATION = 60;

const givenNames = ["Ingrid", "Lars", "Nora", "Emil", "Sofie", "Jakob", "Emma", "Henrik", "Maja", "Sander", "Thea", "Magnus"];
const familyNames = ["Johansen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Haugen", "Eriksen"];
const agentReasons = [
  "Kunden ringte om en forsinket pakke.",
  "Kunden spurte på chat hvorfor bonuspoengene manglet.",
  "The customer called about a missing refund.",
];

/**
 * The demo company's other customers: enough people that the studio's analytics and the
 * public transparency report have groups of 10 and more to show (and smaller ones to hide).
 * Each is a whole customer whose own pages tell the same story: their choices are consent
 * events with states, their requests have their history, an agent's look at them is in
 * their access log. Deterministic: every fresh install shows the same figures.
 */
export async function createDemoPopulation(tx: Executor, now: Date, random: () => number): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const between = (fromDaysAgo: number, toDaysAgo: number) => ago(toDaysAgo + random() * (fromDaysAgo - toDaysAgo));
  const daysAgoOf = (at: Date) => (now.getTime() - at.getTime()) / DAY;
  const people = Array.from({ length: DEMO_POPULATION }, (_, i) => {
    const given = givenNames[i % givenNames.length]!;
    const family = familyNames[Math.floor(i / givenNames.length) % familyNames.length]!;
    return {
      given,
      family,
      email: `${given}.${family}.${i + 1}@example.net`.toLowerCase(),
      joined: between(700, 25),
      locale: random() < 0.7 ? ("nb" as const) : ("en" as const),
    };
  });
  const created = await tx
    .insert(users)
    .values(people.map((p) => ({ email: p.email, name: `${p.given} ${p.family}`, role: "customer" as const, emailVerified: p.joined })))
    .returning({ id: users.id });
  await tx.insert(customers).values(
    people.map((p, i) => ({ id: created[i]!.id, givenName: p.given, familyName: p.family, locale: p.locale, createdAt: p.joined })),
  );

  const purpose = (key: string, version?: number) =>
    [...demoPurposes, ...demoRetiredPurposes].find((p) => p.key === key && (version === undefined || p.version === version))!;
  const choices: DemoConsent[] = [];
  const reasons: { purposeKey: string; reason: (typeof withdrawalReasonCodes)[number]; recordedOn: string }[] = [];
  const channel = () => (random() < 0.6 ? "web" : random() < 0.8 ? "app" : "store") as DemoConsent["channel"];
  people.forEach((p, i) => {
    const customerId = created[i]!.id;
    const since = Math.floor(daysAgoOf(p.joined));
    const choose = (key: string, grant: number, withdraw: number, version?: number, window: [number, number] = [since, 1]) => {
      if (random() >= grant || window[0] <= window[1]) return { agreed: false, withdrew: false };
      const at = between(window[0], window[1]);
      choices.push({ customerId, purpose: purpose(key, version), action: "granted", at, channel: channel(), locale: p.locale });
      if (random() < withdraw) {
        const off = between(daysAgoOf(at), window[1]);
        choices.push({ customerId, purpose: purpose(key, version), action: "withdrawn", at: off, channel: "web", locale: p.locale });
        // About half answer the anonymous question after a withdrawal: only the day is kept.
        if (random() < 0.5) {
          const reason = withdrawalReasonCodes[Math.floor(random() * withdrawalReasonCodes.length)]!;
          reasons.push({ purposeKey: key, reason, recordedOn: osloDay(off) });
        }
        return { agreed: true, withdrew: true };
      }
      return { agreed: true, withdrew: false };
    };
    choose("newsletter", 0.7, 0.3);
    choose("order_sms", 0.5, 0.1, undefined, [Math.min(since, 600), 1]);
    choose("product_analytics", 0.45, 0.35);
    choose("delivery_partner_sharing", 0.35, 0.25);
    // Version 2 of personalised offers came out 20 days ago: some who agreed to version 1 said yes again.
    const v1 = choose("personalised_offers", 0.5, 0.15, 1, [Math.min(since, 600), 21]);
    if (v1.agreed && !v1.withdrew && random() < 0.5) {
      choices.push({ customerId, purpose: purpose("personalised_offers", 2), action: "granted", at: between(19, 1), channel: channel(), locale: p.locale });
    }
    if (random() < 0.15) {
      choices.push({ customerId, purpose: purpose("service_surveys"), action: "objected", at: between(since, 1), channel: "web", locale: p.locale });
    }
  });
  await recordDemoConsents(tx, choices);
  if (reasons.length > 0) await tx.insert(withdrawalReasons).values(reasons);

  // Requests: exports (answered within two days, by the export job) and corrections.
  const requests = people.flatMap((p, i) => {
    const customerId = created[i]!.id;
    const since = Math.floor(daysAgoOf(p.joined));
    const out = [];
    if (random() < 0.6 && since > 10) {
      const receivedAt = between(Math.min(since, 75), 8);
      out.push({ customerId, kind: "export" as const, receivedAt, completedAt: new Date(receivedAt.getTime() + random() * 2 * DAY) });
    }
    if (random() < 0.15 && since > 30) {
      const receivedAt = between(Math.min(since, 200), 25);
      out.push({ customerId, kind: "rectification" as const, receivedAt, completedAt: new Date(receivedAt.getTime() + (3 + random() * 17) * DAY) });
    }
    return out;
  });
  if (requests.length > 0) {
    const inserted = await tx
      .insert(dataSubjectRequests)
      .values(
        requests.map((r) => ({
          customerId: r.customerId,
          kind: r.kind,
          status: "completed" as const,
          receivedAt: r.receivedAt,
          dueOn: dueDateFor(r.receivedAt),
          details: r.kind === "rectification" ? { category: "profile" } : {},
          completedAt: r.completedAt,
          updatedAt: r.completedAt,
        })),
      )
      .returning({ id: dataSubjectRequests.id });
    await tx.insert(dataSubjectRequestEvents).values(
      requests.flatMap((r, i) => [
        { requestId: inserted[i]!.id, customerId: r.customerId, status: "received" as const, occurredAt: r.receivedAt },
        { requestId: inserted[i]!.id, customerId: r.customerId, status: "completed" as const, occurredAt: r.completedAt },
      ]),
    );
  }

  // An agent helped some of them over the phone: a look each, with the case and the reason.
  const looks = people.flatMap((_, i) =>
    random() < 0.55
      ? [
          {
            customerId: created[i]!.id,
            staffUserId: "staff-siri",
            staffRole: "agent" as const,
            staffDisplayName: "Siri",
            action: "view" as const,
            field: null,
            reason: agentReasons[Math.floor(random() * agentReasons.length)]!,
            justification: "customer_request" as const,
            caseReference: `CS-${40000 + Math.floor(random() * 9999)}`,
            occurredAt: between(60, 2),
          },
        ]
      : [],
  );
  if (looks.length > 0) await tx.insert(staffAccessLog).values(looks);
}
