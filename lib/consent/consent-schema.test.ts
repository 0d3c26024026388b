import { describe, expect, it } from "vitest";
import { fieldErrorKeys, parseFormData } from "@/lib/actions/form-data";
import { setConsentSchema } from "./consent-schema";

/** What the consent switch posts, with fields replaced, added or (as undefined) left out. */
function consentForm(overrides: Record<string, string | string[] | undefined> = {}) {
  const fields = { purposeKey: "newsletter", purposeVersion: "1", granted: "true", ...overrides };
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of [value ?? []].flat()) formData.append(name, v);
  }
  return formData;
}

/** The fields the parse refused, as message keys per field. */
function refusedFields(formData: FormData) {
  const parsed = parseFormData(setConsentSchema, formData);
  expect(parsed.success).toBe(false);
  return parsed.success ? {} : fieldErrorKeys(parsed.error);
}

describe("setConsentSchema", () => {
  it("accepts what the consent switch posts", () => {
    expect(parseFormData(setConsentSchema, consentForm()).data).toEqual({
      purposeKey: "newsletter",
      purposeVersion: 1,
      granted: true,
      method: "switch",
    });
    expect(parseFormData(setConsentSchema, consentForm({ granted: "false" })).data?.granted).toBe(false);
    expect(parseFormData(setConsentSchema, consentForm({ method: "reconsent_prompt" })).data?.method).toBe(
      "reconsent_prompt",
    );
  });

  it("refuses methods only the system may record", () => {
    for (const method of ["expiry", "gpc_signal", "unsubscribe_link", ""]) {
      expect(refusedFields(consentForm({ method }))).toEqual({ method: expect.any(String) });
    }
  });

  it("ignores the fields Next adds to progressively enhanced posts", () => {
    const parsed = parseFormData(setConsentSchema, consentForm({ $ACTION_ID_abc123: "" }));
    expect(parsed.success).toBe(true);
  });

  it("refuses a forged customerId instead of ignoring it", () => {
    expect(refusedFields(consentForm({ customerId: "someone-else" }))).toEqual({ form: "invalid" });
  });

  it.each([["yes"], ["1"], ["TRUE"], [undefined]])("refuses granted=%s", (granted) => {
    expect(refusedFields(consentForm({ granted }))).toEqual({ granted: "invalid" });
  });

  it.each([
    ["markup", "<script>alert(1)</script>"],
    ["too long", "a".repeat(65)],
    ["empty", ""],
    ["blank", "   "],
    ["upper case", "Newsletter"],
  ])("refuses a %s purpose key", (_, purposeKey) => {
    expect(refusedFields(consentForm({ purposeKey }))).toEqual({ purposeKey: "invalid" });
  });

  it.each([["0"], ["-1"], ["1.5"], ["one"], [""]])("refuses purposeVersion=%j", (purposeVersion) => {
    expect(refusedFields(consentForm({ purposeVersion }))).toEqual({ purposeVersion: "invalid" });
  });

  it("refuses a repeated field rather than picking one of its values", () => {
    expect(refusedFields(consentForm({ granted: ["false", "true"] }))).toEqual({ granted: "invalid" });
    expect(refusedFields(consentForm({ purposeKey: ["newsletter", "order_sms"] }))).toEqual({ purposeKey: "invalid" });
  });
});
