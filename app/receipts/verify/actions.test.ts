import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setConsent } from "@/lib/consent/set-consent";
import { getConsentReceipt } from "@/lib/receipts/get-consent-receipt";
import { newSigningKeyPem, tamper } from "@/lib/receipts/receipts.test-support";
import { MAX_RECEIPT_BYTES } from "@/lib/receipts/receipt-limits";
import { givenCustomer, givenPublishedPurposes } from "@/lib/testing/factories";
import { verifyReceiptAction } from "./actions";

vi.mock("next-intl/server", () => import("@/lib/testing/action-mocks"));

// What the visitor reads (messages/en/receipts.json).
const says = {
  empty: "Paste a receipt or choose a receipt file.",
  both: "Paste a receipt or choose a file, not both.",
  tooLarge: "This is larger than 64 KB, far more than a receipt, so it was not checked.",
};

let jws: string;
const key = newSigningKeyPem();

beforeAll(async () => {
  await givenPublishedPurposes();
  const kari = await givenCustomer("kari");
  const event = await setConsent(kari, {
    purposeKey: "newsletter",
    purposeVersion: 1,
    granted: true,
    source: { channel: "web", userAgent: null, locale: "en" },
  });
  vi.stubEnv("TILLIT_RECEIPT_SIGNING_KEY", key);
  jws = (await getConsentReceipt(kari, String(event.eventId))).jws;
  vi.unstubAllEnvs();
});

beforeEach(() => vi.stubEnv("TILLIT_RECEIPT_SIGNING_KEY", key));
afterEach(() => vi.unstubAllEnvs());

function form(fields: { receipt?: string; file?: File; extra?: [string, string] }) {
  const data = new FormData();
  data.append("receipt", fields.receipt ?? "");
  // A file input with nothing chosen still posts an empty file.
  data.append("file", fields.file ?? new File([], "", { type: "application/octet-stream" }));
  if (fields.extra) data.append(...fields.extra);
  return data;
}

const file = (text: string) => new File([text], "consent-receipt.jws", { type: "application/jose" });

describe("verifyReceiptAction", () => {
  it("says a pasted receipt is valid and returns what it says", async () => {
    expect(await verifyReceiptAction(null, form({ receipt: jws }))).toMatchObject({
      ok: true,
      valid: true,
      receipt: { piiControllers: [{ piiController: "Tillit Demo AS" }], consentState: "granted" },
    });
  });

  it("checks an uploaded receipt file the same way", async () => {
    expect(await verifyReceiptAction(null, form({ file: file(`${jws}\n`) }))).toMatchObject({ ok: true, valid: true });
    expect(await verifyReceiptAction(null, form({ file: file(tamper(jws, 1)) }))).toEqual({
      ok: true,
      valid: false,
      reason: "bad_signature",
    });
  });

  it("says why a receipt is not valid", async () => {
    expect(await verifyReceiptAction(null, form({ receipt: tamper(jws, 2) }))).toEqual({
      ok: true,
      valid: false,
      reason: "bad_signature",
    });
    expect(await verifyReceiptAction(null, form({ receipt: "hello" }))).toEqual({
      ok: true,
      valid: false,
      reason: "not_receipt",
    });
  });

  it.each([
    ["nothing", {}, "receipt", says.empty],
    ["both a paste and a file", { receipt: "a.b.c", file: file("a.b.c") }, "receipt", says.both],
    ["a paste over 64 KB", { receipt: "a".repeat(MAX_RECEIPT_BYTES + 1) }, "receipt", says.tooLarge],
    ["a file over 64 KB", { file: file("a".repeat(MAX_RECEIPT_BYTES + 1)) }, "file", says.tooLarge],
  ] as const)("refuses %s with a message on the field", async (_, fields, field, message) => {
    expect(await verifyReceiptAction(null, form(fields))).toEqual({
      ok: false,
      message,
      fieldErrors: { [field]: message },
    });
  });

  it("refuses fields it does not know", async () => {
    const result = await verifyReceiptAction(null, form({ receipt: jws, extra: ["customerId", "x"] }));
    expect(result).toMatchObject({ ok: false, message: "Please check what you entered." });
  });
});
