import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { staffAccessLog } from "@/db/schema";
import { givenCustomer, givenPublishedPurposes, givenSession, givenStaff } from "@/lib/testing/factories";
import { NotFound, request, signedInWith } from "@/lib/testing/action-mocks";
import { openCustomerAction, openWithSupportCodeAction, revealFieldAction } from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/action-mocks"));
vi.mock("next/cache", () => import("@/lib/testing/action-mocks"));
vi.mock("next/navigation", () => import("@/lib/testing/action-mocks"));
vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));
vi.mock("@/lib/i18n/request", () => import("@/lib/testing/action-mocks"));

function form(entries: [string, string][]) {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return formData;
}

async function logCount(customerId: string) {
  const db = await getDb();
  return (await db.select().from(staffAccessLog).where(eq(staffAccessLog.customerId, customerId))).length;
}

beforeAll(async () => {
  await givenPublishedPurposes();
});

describe("support console actions", () => {
  it("open: a reason and a case give the masked view; refusals are told in the agent's language under each field", async () => {
    const kari = await givenCustomer("kari");
    const agent = await givenStaff("agent");
    signedInWith(await givenSession(agent.userId));
    request.locale = "nb";
    const refused = await openCustomerAction(
      null,
      form([
        ["customerId", kari.customerId],
        ["justification", "customer_request"],
        ["reason", " "],
      ]),
    );
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: {
        caseReference: "Oppgi nummeret på kundeservicesaken.",
        reason: "Skriv hvorfor du åpner denne kunden.",
      },
    });
    expect(await logCount(kari.customerId)).toBe(0);
    request.locale = "en";
    const opened = await openCustomerAction(
      null,
      form([
        ["customerId", kari.customerId],
        ["justification", "customer_request"],
        ["caseReference", "SUP-7"],
        ["reason", "Called about a parcel"],
      ]),
    );
    expect(opened).toMatchObject({ ok: true, view: { customerId: kari.customerId, details: { name: "kari T." } } });
    expect(await logCount(kari.customerId)).toBe(1);

    // A forged customer id or field: the same not-found / unknown field, nothing logged.
    expect(
      await openCustomerAction(
        null,
        form([
          ["customerId", "x\u0000"],
          ["justification", "legal_request"],
          ["reason", "Court order"],
        ]),
      ),
    ).toMatchObject({ ok: false, message: "We could not find that customer." });
    expect(
      await revealFieldAction(
        null,
        form([
          ["customerId", kari.customerId],
          ["field", "salary"],
        ]),
      ),
    ).toMatchObject({
      ok: false,
      message: "That detail does not exist.",
    });
    expect(await logCount(kari.customerId)).toBe(1);
    expect(
      await revealFieldAction(
        null,
        form([
          ["customerId", kari.customerId],
          ["field", "name"],
        ]),
      ),
    ).toMatchObject({
      ok: true,
      revealed: { field: "name", values: ["kari Tester"] },
    });
  });

  it("open past the browsing limit: flagged for the warning, then opened once confirmed", async () => {
    vi.stubEnv("TILLIT_BROWSING_LIMIT_PER_HOUR", "1");
    try {
      const [a, b] = [await givenCustomer("a"), await givenCustomer("b")];
      const agent = await givenStaff("agent");
      signedInWith(await givenSession(agent.userId));
      const open = (customerId: string, more: [string, string][] = []) =>
        openCustomerAction(
          null,
          form([["customerId", customerId], ["justification", "fraud_security"], ["reason", "Review"], ...more]),
        );
      expect(await open(a.customerId)).toMatchObject({ ok: true });
      expect(await open(b.customerId)).toMatchObject({ ok: false, browsingLimit: true });
      expect(await logCount(b.customerId)).toBe(0);
      expect(await open(b.customerId, [["confirmedBeyondLimit", "on"]])).toMatchObject({ ok: true });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("a product team member or a customer gets the support area's 404, and nothing is logged", async () => {
    const kari = await givenCustomer("kari");
    for (const who of [await givenStaff("product"), kari]) {
      signedInWith(await givenSession(who.userId));
      const fields: [string, string][] = [
        ["customerId", kari.customerId],
        ["justification", "legal_request"],
        ["reason", "x"],
      ];
      await expect(openCustomerAction(null, form(fields))).rejects.toBeInstanceOf(NotFound);
      await expect(
        openWithSupportCodeAction(
          null,
          form([
            ["customerId", kari.customerId],
            ["code", "123456"],
          ]),
        ),
      ).rejects.toBeInstanceOf(NotFound);
      await expect(
        revealFieldAction(
          null,
          form([
            ["customerId", kari.customerId],
            ["field", "name"],
          ]),
        ),
      ).rejects.toBeInstanceOf(NotFound);
    }
    expect(await logCount(kari.customerId)).toBe(0);
  });
});
