import { describe, expect, it } from "vitest";
import { fieldErrorKeys } from "@/lib/actions/form-data";
import { addressIdSchema, normalisePhone, saveAddressSchema, updateProfileSchema } from "./profile-schema";

const profile = { givenName: "Kari", familyName: "Nordmann", phone: "+47 912 34 567" };
const address = { label: "home", line1: "Storgata 12B", line2: "", postcode: "0184", city: "Oslo", country: "NO" };

function errorsOf(schema: typeof updateProfileSchema | typeof saveAddressSchema, input: object) {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : fieldErrorKeys(parsed.error);
}

describe("updateProfileSchema", () => {
  it("accepts Norwegian and accented names, hyphens and apostrophes, and tidies spaces", () => {
    expect(
      updateProfileSchema.parse({ givenName: "  Åse  Marie-Ørn ", familyName: "O'Brien Ødegård", phone: "" }),
    ).toEqual({ givenName: "Åse Marie-Ørn", familyName: "O'Brien Ødegård", phone: null });
    expect(updateProfileSchema.parse({ ...profile, givenName: "José", familyName: "Dvořák" })).toMatchObject({
      givenName: "José",
      familyName: "Dvořák",
    });
  });

  it.each([
    ["+47 912 34 567", "+47 912 34 567"],
    ["+4791234567", "+47 912 34 567"],
    ["91234567", "+47 912 34 567"],
    ["  912 34 567 ", "+47 912 34 567"],
    ["+46 70 123 45 67", "+46701234567"],
    ["+1 415 555 0100", "+14155550100"],
    ["", null],
  ])("normalises the phone number %j to %j", (input, stored) => {
    expect(updateProfileSchema.parse({ ...profile, phone: input }).phone).toBe(stored);
    expect(normalisePhone(input)).toBe(stored);
  });

  it.each([
    [{ givenName: "" }, { givenName: "givenNameRequired" }],
    [{ givenName: "   " }, { givenName: "givenNameRequired" }],
    [{ familyName: "" }, { familyName: "familyNameRequired" }],
    [{ givenName: "K".repeat(81) }, { givenName: "nameTooLong" }],
    [{ familyName: "Nordmann2" }, { familyName: "nameInvalid" }],
    [{ familyName: "-Nordmann" }, { familyName: "nameInvalid" }],
    [{ givenName: "Kari; drop table" }, { givenName: "nameInvalid" }],
    [{ phone: "12345" }, { phone: "phoneInvalid" }],
    [{ phone: "+47 1234" }, { phone: "phoneNorwegian" }],
    [{ phone: "+47 912 34 5678" }, { phone: "phoneNorwegian" }],
    [{ phone: "+0 123 456 789" }, { phone: "phoneInvalid" }],
    [{ phone: "+1234567890123456" }, { phone: "phoneInvalid" }],
    [{ phone: "tel:+4791234567" }, { phone: "phoneInvalid" }],
    [{ phone: "9".repeat(31) }, { phone: "phoneInvalid" }],
    [{ givenName: undefined }, { givenName: "givenNameRequired" }],
  ])("refuses %j with %j", (change, expected) => {
    expect(errorsOf(updateProfileSchema, { ...profile, ...change })).toEqual(expected);
  });

  it("refuses a field it does not know, such as a customer id", () => {
    expect(errorsOf(updateProfileSchema, { ...profile, customerId: "someone-else" })).toEqual({ form: "invalid" });
  });
});

describe("saveAddressSchema", () => {
  it("accepts an address and makes an empty second line absent", () => {
    expect(saveAddressSchema.parse(address)).toEqual({ ...address, line2: null, makePrimary: false });
    expect(saveAddressSchema.parse({ ...address, makePrimary: "on", id: "a-b-1" })).toMatchObject({
      id: "a-b-1",
      makePrimary: true,
    });
  });

  it("accepts foreign postcodes outside Norway, in capitals", () => {
    expect(saveAddressSchema.parse({ ...address, country: "GB", postcode: "sw1a 1aa" }).postcode).toBe("SW1A 1AA");
    expect(saveAddressSchema.parse({ ...address, country: "SE", postcode: "114 55" }).postcode).toBe("114 55");
  });

  it.each([
    [{ label: "castle" }, { label: "labelInvalid" }],
    [{ line1: "" }, { line1: "addressRequired" }],
    [{ line1: "x".repeat(101) }, { line1: "lineTooLong" }],
    [{ line2: "x".repeat(101) }, { line2: "lineTooLong" }],
    [{ postcode: "" }, { postcode: "postcodeRequired" }],
    [{ postcode: "018" }, { postcode: "postcodeNorway" }],
    [{ postcode: "01845" }, { postcode: "postcodeNorway" }],
    [{ postcode: "ABCD" }, { postcode: "postcodeNorway" }],
    [{ postcode: "12345678901", country: "DE" }, { postcode: "postcodeInvalid" }],
    [{ postcode: "12_45", country: "DE" }, { postcode: "postcodeInvalid" }],
    [{ city: "" }, { city: "cityRequired" }],
    [{ city: "x".repeat(61) }, { city: "cityTooLong" }],
    [{ country: "XX" }, { country: "countryInvalid" }],
    [{ country: "no" }, { country: "countryInvalid" }],
    [{ makePrimary: "yes" }, { makePrimary: "invalid" }],
    [{ id: "../../etc" }, { id: "invalid" }],
  ])("refuses %j with %j", (change, expected) => {
    expect(errorsOf(saveAddressSchema, { ...address, ...change })).toEqual(expected);
  });

  it("reports every bad field at once", () => {
    expect(errorsOf(saveAddressSchema, { ...address, line1: "", postcode: "12", city: "" })).toEqual({
      line1: "addressRequired",
      postcode: "postcodeNorway",
      city: "cityRequired",
    });
  });

  it("refuses a forged customer id", () => {
    expect(errorsOf(saveAddressSchema, { ...address, customerId: "someone-else" })).toEqual({ form: "invalid" });
    expect(addressIdSchema.safeParse({ id: "a", customerId: "b" }).success).toBe(false);
  });
});

describe("markup and control characters", () => {
  const payloads = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "Kari<",
    "Kari>",
    "Kari\u0000",
    "Kari\nNordmann",
    "Kari\u202eNordmann",
  ];
  const fields = [
    [updateProfileSchema, profile, "givenName"],
    [updateProfileSchema, profile, "familyName"],
    [updateProfileSchema, profile, "phone"],
    [saveAddressSchema, address, "line1"],
    [saveAddressSchema, address, "line2"],
    [saveAddressSchema, address, "postcode"],
    [saveAddressSchema, address, "city"],
  ] as const;
  for (const [schema, valid, field] of fields) {
    it.each(payloads)(`refuses %j in ${field}`, (payload) => {
      expect(errorsOf(schema, { ...valid, [field]: payload })).toEqual({ [field]: "noMarkup" });
    });
  }
  it.each(payloads)("refuses %j in the address label, country and id", (payload) => {
    expect(errorsOf(saveAddressSchema, { ...address, label: payload, country: payload, id: payload })).toEqual({
      label: "labelInvalid",
      country: "countryInvalid",
      id: "invalid",
    });
  });
});
