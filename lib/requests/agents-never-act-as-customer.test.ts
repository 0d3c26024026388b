import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import {
  communicationPreferences,
  consentEvents,
  consentStates,
  dataSubjectRequests,
  withdrawalReasons,
} from "@/db/schema";
import { permissionsOf } from "@/lib/auth/permissions";
import { applyGlobalPrivacyControl } from "@/lib/consent/apply-global-privacy-control";
import { recordWithdrawalReason } from "@/lib/consent/record-withdrawal-reason";
import { setConsent } from "@/lib/consent/set-consent";
import { isAppError } from "@/lib/errors";
import { setChannelForAllTopics } from "@/lib/preferences/set-channel-for-all-topics";
import { setCommunicationPreferences } from "@/lib/preferences/set-communication-preferences";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { objectToProcessing } from "./object-to-processing";
import { requestRectification } from "./request-rectification";
import { liftRestriction, restrictProcessing } from "./restrict-processing";

beforeAll(async () => {
  await givenPublishedPurposes();
});

async function rowCounts() {
  const db = await getDb();
  const tables = { consentEvents, consentStates, communicationPreferences, withdrawalReasons, dataSubjectRequests };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row!.n;
  }
  return out;
}

describe("agents never act as the customer", () => {
  it("hold no permission to change a customer's consents, preferences or own requests", async () => {
    const agent = await givenStaff("agent");
    const own = permissionsOf(agent).filter(
      (p) => p.endsWith(".own") || p.startsWith("consent.") || p.startsWith("preferences."),
    );
    expect(own).toEqual([]);
  });

  it("are refused by every consent and preference write, and by the customer's own request forms, with nothing written", async () => {
    const agent = await givenStaff("agent");
    const kari = await givenCustomer("kari");
    const source = { channel: "web" as const, userAgent: "vitest", locale: "en" as const };
    const before = await rowCounts();
    // Each write is given the customer's id wherever its input could carry one: it must not matter.
    const writes: [string, () => Promise<unknown>][] = [
      ["setConsent", () => setConsent(agent, { purposeKey: "newsletter", purposeVersion: 1, granted: true, source })],
      [
        "setConsent (withdraw)",
        () => setConsent(agent, { purposeKey: "newsletter", purposeVersion: 1, granted: false, source }),
      ],
      ["applyGlobalPrivacyControl", () => applyGlobalPrivacyControl(agent, { userAgent: "vitest", locale: "en" })],
      [
        "recordWithdrawalReason",
        () => recordWithdrawalReason(agent, { purposeKey: "newsletter", reason: "too_many", token: "x" } as never),
      ],
      [
        "setCommunicationPreferences",
        () =>
          setCommunicationPreferences(agent, {
            changes: [{ channel: "email", topic: "newsletter", allowed: true }],
          } as never),
      ],
      ["setChannelForAllTopics", () => setChannelForAllTopics(agent, { channel: "sms", allowed: false })],
      [
        "objectToProcessing",
        () => objectToProcessing(agent, { purposeKeys: ["newsletter"], source: { userAgent: "vitest", locale: "en" } }),
      ],
      ["restrictProcessing", () => restrictProcessing(agent, { ground: "legal_claims" })],
      ["liftRestriction", () => liftRestriction(agent, kari.customerId)],
      ["requestRectification", () => requestRectification(agent, { category: "orders", description: "wrong" })],
    ];
    for (const [name, write] of writes) {
      const error = await write().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAppError(error) ? error.code : error, name).toBe("forbidden");
    }
    expect(await rowCounts()).toEqual(before);
  });
});
