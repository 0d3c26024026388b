import { describe, expect, it } from "vitest";
import { z } from "zod";
import { signInSchema } from "@/lib/auth/sign-in-schema";
import { fieldErrorKeys, parseFormData } from "./form-data";

const tagsSchema = z.strictObject({ title: z.string(), tags: z.array(z.string()) });

function formOf(entries: [string, string][]) {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return formData;
}

function errorKeys(schema: z.ZodObject, entries: [string, string][]) {
  const parsed = parseFormData(schema, formOf(entries));
  if (parsed.success) throw new Error("expected the parse to fail");
  return fieldErrorKeys(parsed.error);
}

describe("parseFormData", () => {
  it("reads every value of an array field through getAll, in order", () => {
    const parsed = parseFormData(
      tagsSchema,
      formOf([
        ["tags", "b"],
        ["title", "t"],
        ["tags", "a"],
        ["tags", "b"],
      ]),
    );
    expect(parsed.data).toEqual({ title: "t", tags: ["b", "a", "b"] });
  });

  it("gives an array field with one value as a one-element array", () => {
    expect(
      parseFormData(
        tagsSchema,
        formOf([
          ["title", "t"],
          ["tags", "only"],
        ]),
      ).data,
    ).toEqual({
      title: "t",
      tags: ["only"],
    });
  });

  it("reads an array behind a default or a transform as an array too (an optional checkbox group)", () => {
    const schema = z.strictObject({
      keys: z
        .array(z.string())
        .default([])
        .transform((keys) => [...new Set(keys)]),
    });
    expect(parseFormData(schema, formOf([["keys", "a"]])).data).toEqual({ keys: ["a"] });
    expect(parseFormData(schema, formOf([]))).toMatchObject({ success: true, data: { keys: [] } });
  });

  it("passes a repeated scalar field on as all its values, so the schema refuses it", () => {
    expect(
      errorKeys(tagsSchema, [
        ["title", "a"],
        ["title", "b"],
        ["tags", "x"],
      ]),
    ).toEqual({ title: "invalid" });
  });

  it("passes unknown fields on, so a strict schema refuses them", () => {
    expect(
      errorKeys(tagsSchema, [
        ["title", "t"],
        ["tags", "x"],
        ["role", "admin"],
      ]),
    ).toEqual({ form: "invalid" });
  });

  it("refuses __proto__ and constructor as unknown fields instead of taking them as the prototype", () => {
    const empty = z.strictObject({});
    for (const name of ["__proto__", "constructor", "toString"]) {
      expect(errorKeys(empty, [[name, "x"]])).toEqual({ form: "invalid" });
      expect(
        errorKeys(tagsSchema, [
          ["title", "t"],
          ["tags", "x"],
          [name, "{}"],
        ]),
      ).toEqual({ form: "invalid" });
    }
  });
});

describe("fieldErrorKeys", () => {
  it("uses a schema's own message key and the first issue per field", () => {
    expect(errorKeys(signInSchema, [["email", "not-an-email"]])).toEqual({ email: "emailInvalid" });
    expect(errorKeys(signInSchema, [["email", "  "]])).toEqual({ email: "emailRequired" });
    expect(errorKeys(signInSchema, [])).toEqual({ email: "emailRequired" });
  });

  it("never passes zod's own English message on as a key", () => {
    expect(errorKeys(tagsSchema, [["tags", "x"]])).toEqual({ title: "invalid" });
  });
});
