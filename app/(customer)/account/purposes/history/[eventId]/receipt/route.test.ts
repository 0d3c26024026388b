import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setConsent } from "@/lib/consent/set-consent";
import { newSigningKeyPem } from "@/lib/receipts/receipts.test-support";
import { verifyConsentReceipt } from "@/lib/receipts/verify-receipt";
import { givenCustomer, givenPublishedPurposes, givenSession, givenStaff } from "@/lib/testing/factories";
import { request, signedInWith } from "@/lib/testing/action-mocks";
import { GET } from "./route";

vi.mock("next/headers", () => import("@/lib/testing/action-mocks"));
vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));

request.headers = new Headers({ "user-agent": "vitest" });

let kariSession: string;
let olaSession: string;
let agentSession: string;
let kariEvent: number;
let olaEvent: number;

const get = (eventId: string) =>
  GET(new Request(`http://localhost/account/purposes/history/${eventId}/receipt`), {
    params: Promise.resolve({ eventId }),
  });

beforeAll(async () => {
  await givenPublishedPurposes();
  const kari = await givenCustomer("kari");
  const ola = await givenCustomer("ola");
  const source = { channel: "web", userAgent: null, locale: "en" } as const;
  kariEvent = (await setConsent(kari, { purposeKey: "newsletter", purposeVersion: 1, granted: true, source })).eventId!;
  olaEvent = (await setConsent(ola, { purposeKey: "newsletter", purposeVersion: 1, granted: true, source })).eventId!;
  kariSession = await givenSession(kari.userId);
  olaSession = await givenSession(ola.userId);
  agentSession = await givenSession((await givenStaff("agent")).userId);
});

beforeEach(() => vi.stubEnv("TILLIT_RECEIPT_SIGNING_KEY", newSigningKeyPem()));
afterEach(() => vi.unstubAllEnvs());

describe("GET /account/purposes/history/<eventId>/receipt", () => {
  it("downloads the customer's own receipt as a JWS file", async () => {
    signedInWith(kariSession);
    const response = await get(String(kariEvent));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/jose");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="consent-receipt-${kariEvent}.jws"`);
    expect(await verifyConsentReceipt(await response.text())).toMatchObject({ valid: true });
  });

  it("answers another customer's event, an unknown id and a malformed id with the same 404", async () => {
    signedInWith(kariSession);
    const answers = await Promise.all(
      [String(olaEvent), "987654321", "abc", "1%20or%201=1"].map(async (id) => {
        const response = await get(id);
        return [response.status, await response.text(), response.headers.get("content-disposition")];
      }),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify([404, "We could not find that receipt.", null])]),
    );
    signedInWith(olaSession);
    expect((await get(String(olaEvent))).status).toBe(200);
  });

  it("gives staff the same 404", async () => {
    signedInWith(agentSession);
    expect((await get(String(kariEvent))).status).toBe(404);
  });

  it("sends a visitor without a session to sign in", async () => {
    signedInWith(null);
    await expect(get(String(kariEvent))).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/signin;/),
    });
  });
});
