import { CompactSign, calculateJwkThumbprint, decodeProtectedHeader, importPKCS8 } from "jose";
import { createPublicKey } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { consentEvents, customers, receiptSigningKeys } from "@/db/schema";
import { and } from "drizzle-orm";
import { purposes } from "@/db/schema";
import { listDisclosureRecipients } from "@/lib/access-log/list-disclosures";
import { setConsent } from "@/lib/consent/set-consent";
import { recordMessagesSent } from "@/lib/messages/record-messages-sent";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { getConsentReceipt } from "./get-consent-receipt";
import { listReceiptPublicKeys } from "./list-public-keys";
import { consentReceiptSchema } from "./receipt-payload";
import { newSigningKeyPem, tamper } from "./receipts.test-support";
import { MAX_RECEIPT_BYTES, verifyConsentReceipt } from "./verify-receipt";

type Customer = Awaited<ReturnType<typeof givenCustomer>>;
let kari: Customer;
let ola: Customer;
let kariSms: number;
let kariSharing: number;
let olaNewsletter: number;
const keyA = newSigningKeyPem();
const keyB = newSigningKeyPem();

const decodePayload = (jws: string) =>
  consentReceiptSchema.parse(JSON.parse(Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8")));

beforeAll(async () => {
  await givenPublishedPurposes();
  kari = await givenCustomer("kari");
  ola = await givenCustomer("ola");
  const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Version/17.4 Mobile/15E148 Safari/604.1";
  kariSms = (await setConsent(kari, {
    purposeKey: "order_sms",
    purposeVersion: 1,
    granted: true,
    source: { channel: "app", userAgent: iphone, locale: "en", gpc: true },
    method: "switch",
  }))!.eventId!;
  await setConsent(kari, {
    purposeKey: "delivery_partner_sharing",
    purposeVersion: 1,
    granted: true,
    source: { channel: "web", userAgent: null, locale: "nb" },
  });
  kariSharing = (await setConsent(kari, {
    purposeKey: "delivery_partner_sharing",
    purposeVersion: 1,
    granted: false,
    source: { channel: "web", userAgent: null, locale: "nb" },
  }))!.eventId!;
  olaNewsletter = (await setConsent(ola, {
    purposeKey: "newsletter",
    purposeVersion: 1,
    granted: true,
    source: { channel: "web", userAgent: null, locale: "en" },
  }))!.eventId!;
});

beforeEach(() => {
  vi.stubEnv("TILLIT_RECEIPT_SIGNING_KEY", keyA);
  vi.stubEnv("AUTH_URL", "https://tillit.example.com");
});
afterEach(() => vi.unstubAllEnvs());

describe("getConsentReceipt", () => {
  it("signs the event's receipt with Ed25519 under the key's RFC 7638 thumbprint", async () => {
    const file = await getConsentReceipt(kari, String(kariSms));
    expect(file.filename).toBe(`consent-receipt-${kariSms}.jws`);
    const publicJwk = createPublicKey(keyA).export({ format: "jwk" });
    const kid = await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: publicJwk.x! });
    expect(decodeProtectedHeader(file.jws)).toEqual({ alg: "EdDSA", kid, typ: "consent-receipt+jws" });
    const [event] = await (await getDb()).select().from(consentEvents).where(eq(consentEvents.id, kariSms));
    expect(decodePayload(file.jws)).toEqual({
      version: "KI-CR-v1.1.0",
      jurisdiction: "NO",
      consentTimestamp: event!.occurredAt.toISOString(),
      collectionMethod: "Switch on the customer's privacy page (channel: app)",
      consentReceiptID: `urn:tillit:consent-event:${kariSms}`,
      language: "en",
      piiPrincipalId: kari.customerId,
      piiControllers: [
        {
          piiController: "Tillit Demo AS",
          onBehalf: false,
          contact: "Data Protection Officer",
          email: "personvernombud@tillit.example",
          phone: "+47 22 00 00 00",
          address: { streetAddress: "Storgata 1", postalCode: "0155", addressLocality: "Oslo", addressCountry: "NO" },
        },
      ],
      policyUrl: "https://tillit.example.com/account/purposes",
      services: [
        {
          service: "Tillit Demo AS",
          purposes: [
            {
              purpose: "order_sms",
              purposeName: "Order updates by SMS",
              purposeVersion: 1,
              purposeDescription: "We text you when your order has shipped, is on its way and is ready for pick-up.",
              legalBasis: "GDPR Art. 6(1)(a)",
              purposeCategory: ["Contact Me"],
              consentType: "EXPLICIT",
              piiCategory: ["contact", "orders"],
              primaryPurpose: false,
              termination: event!.expiresAt!.toISOString(),
              // The SMS gateway carries the messages: a disclosure, as the sharing list shows it.
              thirdPartyDisclosure: true,
              thirdPartyName: ["Link Mobility AS"],
            },
          ],
        },
      ],
      sensitive: false,
      spiCat: [],
      consentState: "granted",
      method: "switch",
      channel: "app",
      gpc: true,
      issuedAt: expect.any(String),
    });
  });

  it("describes a withdrawal in the language it was made in, with the third party", async () => {
    const receipt = decodePayload((await getConsentReceipt(kari, String(kariSharing))).jws);
    expect(receipt).toMatchObject({ consentState: "withdrawn", language: "nb", gpc: false });
    expect(receipt.services[0]!.purposes[0]).toMatchObject({
      purposeName: "Deling med leveringspartner",
      termination: "until withdrawn",
      thirdPartyDisclosure: true,
      thirdPartyName: ["Posten Bring AS"],
      purposeCategory: ["Contact Me", "3rd Party Sharing"],
    });
  });

  it("names as third parties the services the customer's sharing list shows for the purpose's messages", async () => {
    const db = await getDb();
    const [newsletter] = await db
      .select()
      .from(purposes)
      .where(and(eq(purposes.key, "newsletter"), eq(purposes.version, 1)));
    // Not sale or sharing in the GPC sense, yet the email service carries every newsletter.
    expect(newsletter!.sharesWithThirdParties).toBe(false);
    await recordMessagesSent(db, [
      {
        scope: ola,
        purpose: newsletter!,
        channel: "email",
        subject: "News",
        sentAt: new Date(),
        dataCategories: ["contact"],
        reference: "News",
      },
    ]);
    const shown = (await listDisclosureRecipients(ola, { locale: "en" })).map((r) => r.recipientName);
    expect(shown).toEqual(["Mailchimp (Intuit Inc.)"]);

    const receipt = decodePayload((await getConsentReceipt(ola, String(olaNewsletter))).jws);
    expect(receipt.services[0]!.purposes[0]).toMatchObject({ thirdPartyDisclosure: true, thirdPartyName: shown });
  });

  it("says no third party for a purpose whose data stays in the company", async () => {
    const { eventId } = (await setConsent(ola, {
      purposeKey: "product_analytics",
      purposeVersion: 1,
      granted: true,
      source: { channel: "web", userAgent: null, locale: "en" },
    }))!;
    const receipt = decodePayload((await getConsentReceipt(ola, String(eventId))).jws);
    expect(receipt.services[0]!.purposes[0]).toMatchObject({ thirdPartyDisclosure: false, thirdPartyName: [] });
  });

  it("names the controller and its data protection officer from the environment", async () => {
    vi.stubEnv("TILLIT_CONTROLLER_NAME", "Butikken AS");
    vi.stubEnv("TILLIT_CONTROLLER_EMAIL", "personvern@butikken.example");
    vi.stubEnv("TILLIT_CONTROLLER_PHONE", " +47 23 45 67 89 ");
    vi.stubEnv("TILLIT_DPO_EMAIL", "dpo@butikken.example");
    const receipt = decodePayload((await getConsentReceipt(kari, String(kariSms))).jws);
    expect(receipt.piiControllers[0]).toMatchObject({
      piiController: "Butikken AS",
      contact: "Data Protection Officer",
      email: "dpo@butikken.example",
      phone: "+47 23 45 67 89",
    });
  });

  it("carries what the deletion page says a downloaded receipt carries: the internal id, not the customer number", async () => {
    const [customer] = await (await getDb()).select().from(customers).where(eq(customers.id, kari.customerId));
    const jws = (await getConsentReceipt(kari, String(kariSms))).jws;
    const receipt = decodePayload(jws);
    expect(receipt.piiPrincipalId).toBe(kari.customerId);
    expect(JSON.stringify(receipt)).not.toContain(String(customer!.customerNumber));
    for (const locale of ["en", "nb"] as const) {
      const { erasure } = (await import(`@/messages/${locale}/erasure.json`)).default as {
        erasure: { receipts: string };
      };
      // It may say what a receipt is not: the customer number only after "not"/"ikke".
      expect(erasure.receipts.replace(/(not|ikke) (your customer number|kundenummeret ditt)/, ""), locale).not.toMatch(
        /customer number|kundenummer/i,
      );
      expect(erasure.receipts, locale).toMatch(/customer ID|kunde-ID/);
    }
  });

  it("gives the same not-found for another customer's event, an unknown id and a malformed id", async () => {
    for (const id of [String(olaNewsletter), "999999999", "0", "-1", "1e3", "abc", "12abc", " 1", "9".repeat(20), ""]) {
      await expect(getConsentReceipt(kari, id), id).rejects.toMatchObject({
        code: "not_found",
        messageKey: "not_found",
      });
    }
    // Ola gets his own.
    expect((await getConsentReceipt(ola, String(olaNewsletter))).eventId).toBe(olaNewsletter);
  });

  it("is for the signed-in customer only", async () => {
    await expect(getConsentReceipt(null, String(kariSms))).rejects.toMatchObject({ code: "unauthenticated" });
    for (const role of ["agent", "product"] as const) {
      await expect(getConsentReceipt(await givenStaff(role), String(kariSms))).rejects.toMatchObject({
        code: "forbidden",
      });
    }
  });
});

describe("verifyConsentReceipt", () => {
  it("accepts a receipt it signed and returns what it says", async () => {
    const { jws } = await getConsentReceipt(kari, String(kariSms));
    const result = await verifyConsentReceipt(`\n  ${jws}\n`);
    expect(result).toMatchObject({ valid: true, receipt: { consentReceiptID: `urn:tillit:consent-event:${kariSms}` } });
  });

  it("gives the purpose's name in both languages and the legal basis behind the article, for a reader in either", async () => {
    const { jws } = await getConsentReceipt(kari, String(kariSms));
    expect(await verifyConsentReceipt(jws)).toMatchObject({
      valid: true,
      receipt: { services: [{ purposes: [{ legalBasis: "GDPR Art. 6(1)(a)" }] }] },
      described: {
        purposeNames: { nb: "Ordreoppdateringer på SMS", en: "Order updates by SMS" },
        legalBasis: "consent",
      },
    });
  });

  it("refuses a receipt with one character changed in the payload, the signature or the header", async () => {
    const { jws } = await getConsentReceipt(kari, String(kariSms));
    expect(await verifyConsentReceipt(tamper(jws, 1))).toEqual({ valid: false, reason: "bad_signature" });
    expect(await verifyConsentReceipt(tamper(jws, 2))).toEqual({ valid: false, reason: "bad_signature" });
    expect((await verifyConsentReceipt(tamper(jws, 0))).valid).toBe(false);
  });

  it("refuses a signature in a second base64url spelling of the same bytes", async () => {
    const { jws } = await getConsentReceipt(kari, String(kariSms));
    // The last of the 86 characters of a 64-byte signature carries 2 bits; the other 4 are padding.
    const last = jws.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const twin = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(Buffer.from(jws.slice(-86, -1) + twin, "base64url")).toEqual(Buffer.from(jws.slice(-86), "base64url"));
    expect(await verifyConsentReceipt(jws.slice(0, -1) + twin)).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("refuses a receipt signed by a key that never signed here", async () => {
    const { jws } = await getConsentReceipt(kari, String(kariSms));
    const stranger = newSigningKeyPem();
    const x = createPublicKey(stranger).export({ format: "jwk" }).x!;
    const forged = await new CompactSign(Buffer.from(jws.split(".")[1]!, "base64url"))
      .setProtectedHeader({
        alg: "EdDSA",
        kid: await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x }),
        typ: "consent-receipt+jws",
      })
      .sign(await importPKCS8(stranger, "EdDSA"));
    expect(await verifyConsentReceipt(forged)).toEqual({ valid: false, reason: "unknown_key" });
    // The same stranger claiming our kid does not match our key.
    const claimed = await new CompactSign(Buffer.from(jws.split(".")[1]!, "base64url"))
      .setProtectedHeader(decodeProtectedHeader(jws) as { alg: string })
      .sign(await importPKCS8(stranger, "EdDSA"));
    expect(await verifyConsentReceipt(claimed)).toEqual({ valid: false, reason: "bad_signature" });
  });

  it.each([
    ["empty input", ""],
    ["text", "I agreed to everything"],
    ["a JWT", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."],
    ["a JWS of another type", "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCIsImtpZCI6ImEifQ.e30.AAAA"],
    ["broken base64", "e!!.e30.AAAA"],
    ["four parts", "a.b.c.d"],
  ])("calls %s not a receipt", async (_, input) => {
    expect(await verifyConsentReceipt(input)).toEqual({ valid: false, reason: "not_receipt" });
  });

  it("refuses input over 64 KB before reading it", async () => {
    await expect(verifyConsentReceipt("a".repeat(MAX_RECEIPT_BYTES + 1))).rejects.toMatchObject({
      code: "invalid",
      messageKey: "tooLarge",
    });
  });
});

describe("signing key rotation", () => {
  it("keeps old receipts verifiable and publishes every key that signed", async () => {
    const signedWithA = (await getConsentReceipt(kari, String(kariSms))).jws;
    vi.stubEnv("TILLIT_RECEIPT_SIGNING_KEY", keyB);
    const signedWithB = (await getConsentReceipt(kari, String(kariSms))).jws;
    const kidA = decodeProtectedHeader(signedWithA).kid;
    const kidB = decodeProtectedHeader(signedWithB).kid;
    expect(kidA).not.toBe(kidB);
    expect((await verifyConsentReceipt(signedWithA)).valid).toBe(true);
    expect((await verifyConsentReceipt(signedWithB)).valid).toBe(true);
    const { keys } = await listReceiptPublicKeys();
    expect(keys.map((k) => k.kid)).toEqual(expect.arrayContaining([kidA, kidB]));
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
      expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    }
    // Registering again changes nothing.
    await getConsentReceipt(kari, String(kariSms));
    const db = await getDb();
    expect((await db.select().from(receiptSigningKeys)).filter((k) => k.kid === kidB)).toHaveLength(1);
  });
});
