import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./locales";

describe("negotiateLocale", () => {
  it.each([
    ["nb-NO,nb;q=0.9,en;q=0.8", "nb"],
    ["en-US,en;q=0.9", "en"],
    ["no", "nb"],
    ["nn", "nb"],
    ["nn-NO", "nb"],
    ["de-DE", "nb"],
    ["de-DE,en;q=0.5", "en"],
    ["en;q=0.5,nb;q=0.8", "nb"],
    ["sv, en-GB", "en"],
    ["EN-us", "en"],
    ["en;q=0", "nb"],
    ["nb;q=0,en;q=0.1", "en"],
    ["*", "nb"],
    ["garbage;;q=abc,,;", "nb"],
    ["en;q=abc,nb;q=0.2", "nb"],
    ["", "nb"],
    [null, "nb"],
    [undefined, "nb"],
  ])("%j → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
