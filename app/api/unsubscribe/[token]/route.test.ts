import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { consentEvents, consentStates } from "@/db/schema";
import { createUnsubscribeUrl } from "@/lib/consent/unsubscribe-url";
import { setConsent } from "@/lib/consent/set-consent";
import { givenCustomer, givenPublishedPurposes } from "@/lib/testing/factories";
import { POST } from "./route";

// What a mail provider sends (RFC 8058 §3.2): no cookies, no Origin, a form body.
function oneClick(token: string, body: BodyInit | null, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost:3000/api/unsubscribe/${token}`, {
    method: "POST",
    body,
    headers: { "user-agent": "GoogleOneClick/1.0", ...headers },
  });
  return POST(request, { params: Promise.resolve({ token }) });
}
const urlEncoded = { "content-type": "application/x-www-form-urlencoded" };

async function newsletterTokenFor(customerId: string) {
  await setConsent(
    { kind: "customer", userId: customerId, customerId },
    {
      purposeKey: "newsletter",
      purposeVersion: 1,
      granted: true,
      source: { channel: "web", userAgent: null, locale: "nb" },
    },
  );
  const url = await createUnsubscribeUrl({ customerId, purposeKey: "newsletter" });
  return url.slice(url.lastIndexOf("/") + 1);
}

async function newsletterState(customerId: string) {
  const db = await getDb();
  const [state] = await db
    .select()
    .from(consentStates)
    .where(and(eq(consentStates.customerId, customerId), eq(consentStates.purposeKey, "newsletter")));
  return state;
}

const allEvents = async () => (await getDb()).select().from(consentEvents).orderBy(consentEvents.id);

beforeAll(givenPublishedPurposes);

describe("POST /unsubscribe/<token> (one-click)", () => {
  it("withdraws with a url-encoded List-Unsubscribe=One-Click and answers 200 in the customer's language", async () => {
    const kari = await givenCustomer("kari");
    const token = await newsletterTokenFor(kari.customerId);
    const response = await oneClick(token, "List-Unsubscribe=One-Click", urlEncoded);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe("Avmeldt: Nyhetsbrev er slått av.\n");
    expect(await newsletterState(kari.customerId)).toMatchObject({ granted: false });
    const [last] = (await allEvents()).slice(-1);
    expect(last).toMatchObject({
      customerId: kari.customerId,
      action: "withdrawn",
      method: "unsubscribe_link",
      sourceChannel: "email",
      userAgent: "GoogleOneClick/1.0",
    });

    // A provider retrying: still 200, no second event.
    const before = await allEvents();
    const again = await oneClick(token, "List-Unsubscribe=One-Click", urlEncoded);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe("Nyhetsbrev var allerede slått av. Ingenting er endret.\n");
    expect(await allEvents()).toEqual(before);
  });

  it("accepts the body as multipart/form-data too", async () => {
    const ola = await givenCustomer("ola");
    const token = await newsletterTokenFor(ola.customerId);
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const response = await oneClick(token, form);
    expect(response.status).toBe(200);
    expect(await newsletterState(ola.customerId)).toMatchObject({ granted: false });
  });

  it.each([
    ["no body", null, {}],
    ["another value", "List-Unsubscribe=Yes", urlEncoded],
    ["the field twice", "List-Unsubscribe=One-Click&List-Unsubscribe=One-Click", urlEncoded],
    ["a JSON body", JSON.stringify({ "List-Unsubscribe": "One-Click" }), { "content-type": "application/json" }],
    ["an oversized body", `List-Unsubscribe=One-Click&pad=${"x".repeat(20_000)}`, urlEncoded],
  ] as const)("refuses %s with 400 and changes nothing", async (_name, body, headers) => {
    const per = await givenCustomer("per");
    const token = await newsletterTokenFor(per.customerId);
    const before = await allEvents();
    const response = await oneClick(token, body, { ...headers, "accept-language": "en" });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("Expected the body List-Unsubscribe=One-Click. Nothing was changed.\n");
    expect(await allEvents()).toEqual(before);
    expect(await newsletterState(per.customerId)).toMatchObject({ granted: true });
  });

  it("answers every unusable link with the same 404, in the request's language, and changes nothing", async () => {
    const anna = await givenCustomer("anna");
    const token = await newsletterTokenFor(anna.customerId);
    const before = await allEvents();
    const answers = new Set<string>();
    // A changed authentication tag (always a different character: "AA" was this token's own ending 1 in 256 runs).
    const tampered = token.slice(0, -2) + (token.at(-2) === "A" ? "B" : "A") + token.at(-1);
    for (const bad of [tampered, token.replace(/\./g, "-"), "x", "a".repeat(2000)]) {
      const response = await oneClick(bad, "List-Unsubscribe=One-Click", { ...urlEncoded, "accept-language": "en-GB" });
      expect(response.status).toBe(404);
      answers.add(await response.text());
    }
    expect([...answers]).toEqual(["This link is not valid, or it has expired. Nothing was changed.\n"]);
    expect(await allEvents()).toEqual(before);
  });
});
