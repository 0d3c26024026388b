import { describe, expect, it } from "vitest";
import { fieldErrorKeys } from "@/lib/actions/form-data";
import { signInSchema } from "@/lib/auth/sign-in-schema";
import { rejectInferenceSchema } from "@/lib/data-inventory/reject-inference-schema";
import { unsubscribeByLinkSchema } from "@/lib/consent/unsubscribe-schema";
import { cancelErasureSchema } from "@/lib/erasure/erasure-schema";
import { purposeVersionSchema } from "@/lib/purposes/publish-purpose-version";
import { addressIdSchema, saveAddressSchema, updateProfileSchema } from "@/lib/profile/profile-schema";
import {
  extendDeadlineSchema,
  liftRestrictionSchema,
  objectionSchema,
  rectificationSchema,
  resolveRequestSchema,
  restrictionSchema,
} from "@/lib/requests/request-schema";
import { hasInvisibleCharacters } from "./text";

// Every single-line and multi-line text field a person fills in, and every id the browser
// sends back: invisible characters and malformed ids are refused with a field error.

const invisible = {
  "arabic letter mark U+061C": "\u061c",
  "zero-width space U+200B": "\u200b",
  "line separator U+2028": "\u2028",
  "paragraph separator U+2029": "\u2029",
  "byte order mark U+FEFF": "\ufeff",
  "soft hyphen U+00AD": "\u00ad",
  "word joiner U+2060": "\u2060",
  "lone surrogate": "\ud800",
};

function errorsOf(schema: { safeParse: (input: unknown) => { success: boolean; error?: unknown } }, input: object) {
  const parsed = schema.safeParse(input) as ReturnType<typeof updateProfileSchema.safeParse>;
  return parsed.success ? {} : fieldErrorKeys(parsed.error);
}

const profile = { givenName: "Kari", familyName: "Nordmann", phone: "+47 912 34 567" };
const address = { label: "home", line1: "Storgata 12B", line2: "", postcode: "0184", city: "Oslo", country: "NO" };

describe("invisible characters", () => {
  it("are told apart from what people type", () => {
    for (const char of Object.values(invisible)) {
      expect(hasInvisibleCharacters(`a${char}b`)).toBe(true);
      expect(hasInvisibleCharacters(`a${char}b`, { multiLine: true })).toBe(true);
    }
    expect(hasInvisibleCharacters("Åse O'Brien-Ødegård, 0184 Oslo")).toBe(false);
    expect(hasInvisibleCharacters("line one\nline two\r\n\tend")).toBe(true);
    expect(hasInvisibleCharacters("line one\nline two\r\n\tend", { multiLine: true })).toBe(false);
    expect(hasInvisibleCharacters("bell\u0007", { multiLine: true })).toBe(true);
  });

  describe.each(Object.entries(invisible))("%s", (_, char) => {
    it.each([
      [updateProfileSchema, profile, "givenName", `Ka${char}ri`],
      [updateProfileSchema, profile, "familyName", `Nord${char}mann`],
      [updateProfileSchema, profile, "phone", `912 34${char} 567`],
      [saveAddressSchema, address, "line1", `Storgata${char} 12B`],
      [saveAddressSchema, address, "line2", `H0101${char}`],
      [saveAddressSchema, address, "city", `Oslo${char}`],
      [saveAddressSchema, address, "postcode", `01${char}84`],
      [signInSchema, {}, "email", `kari@example.com${char}`],
      [rectificationSchema, { category: "identity" }, "description", `My name is wrong${char}`],
      [restrictionSchema, { ground: "accuracy_contested" }, "reason", `Because${char}`],
      [objectionSchema, {}, "reason", `Because${char}`],
      [extendDeadlineSchema, { requestId: crypto.randomUUID(), months: 1 }, "reason", `Complex case${char} indeed`],
      [resolveRequestSchema, { requestId: crypto.randomUUID(), outcome: "completed" }, "note", `Done${char}`],
    ] as const)("is refused in case %#", (schema, base, field, value) => {
      expect(errorsOf(schema, { ...base, [field]: value })).toEqual({ [field]: "invisibleCharacters" });
    });
  });

  it("emoji sequences joined by U+200D or tag characters are visible text, not invisible characters", () => {
    for (const emoji of ["👨‍👩‍👧", "🏳️‍🌈", "❤️‍🔥", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "👍🏽", "🇳🇴"]) {
      expect(hasInvisibleCharacters(`Takk ${emoji}`)).toBe(false);
      expect(
        restrictionSchema.safeParse({ ground: "accuracy_contested", reason: `Hilsen familien ${emoji}` }).success,
      ).toBe(true);
    }
    // A joiner that does not make one emoji is still refused.
    expect(hasInvisibleCharacters("😀\u200d")).toBe(true);
    expect(hasInvisibleCharacters("Ka\u200dri")).toBe(true);
  });

  it("multi-line fields keep their line breaks", () => {
    expect(rectificationSchema.safeParse({ category: "identity", description: "Line one\nline two" }).success).toBe(
      true,
    );
    expect(restrictionSchema.safeParse({ ground: "accuracy_contested", reason: "One\r\nTwo" }).success).toBe(true);
  });

  it("purpose texts written by the product team refuse them too", () => {
    const text = {
      name: "Nyhetsbrev",
      description: "d",
      benefit: "b",
      consequence: "c",
      retention: "r",
      changeSummary: "s",
    };
    const version = (nb: object) => ({ key: "newsletter", texts: { nb: { ...text, ...nb }, en: text } });
    expect(purposeVersionSchema.safeParse(version({})).success).toBe(true);
    expect(purposeVersionSchema.safeParse(version({ description: "Line one\nline two" })).success).toBe(true);
    expect(purposeVersionSchema.safeParse(version({ name: "Nyhets\u200bbrev" })).success).toBe(false);
    expect(purposeVersionSchema.safeParse(version({ benefit: "Gir deg\u2028tilbud" })).success).toBe(false);
  });
});

describe("ids sent back by the browser", () => {
  const malformed = ["abc\u0000def", "\u0000", "", "../etc", "a b", "x".repeat(65), "%00", "abc\u200b"];
  it.each([
    [rejectInferenceSchema, "inferenceId", {}],
    [cancelErasureSchema, "requestId", {}],
    [liftRestrictionSchema, "requestId", {}],
    [addressIdSchema, "id", {}],
    [extendDeadlineSchema, "requestId", { months: 1, reason: "A long enough reason" }],
    [resolveRequestSchema, "requestId", { outcome: "completed" }],
  ] as const)("case %#: refuses a malformed id", (schema, field, rest) => {
    for (const id of malformed) {
      expect(errorsOf(schema, { ...rest, [field]: id })).toEqual({ [field]: "invalid" });
    }
    expect(errorsOf(schema, { ...rest, [field]: crypto.randomUUID() })).toEqual({});
  });

  it("an unsubscribe link's token is a sealed link's characters only", () => {
    for (const token of ["abc\u0000def", "a b", "../x", "%ff", "abc\u200b", ""]) {
      expect(errorsOf(unsubscribeByLinkSchema, { token })).toEqual({ token: "invalid" });
    }
    expect(errorsOf(unsubscribeByLinkSchema, { token: "eyJhbGciOiJkaXIifQ..iv.ct-_x.tag" })).toEqual({});
  });
});
