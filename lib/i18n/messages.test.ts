import { createTranslator, IntlErrorCode } from "use-intl";
import { describe, expect, it } from "vitest";
import { en, nb } from "@/messages";

type Catalogue = { [key: string]: string | Catalogue };
const catalogues: Record<string, Catalogue> = { en, nb };

/** Every leaf as [dotted key, text]. */
function leaves(catalogue: Catalogue, prefix = ""): [string, string][] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

/** ICU argument names ({name}, {count, plural, …}) used by a message. */
function argumentsOf(text: string) {
  return [...new Set([...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();
}

const keys = Object.fromEntries(Object.entries(catalogues).map(([locale, c]) => [locale, new Map(leaves(c))]));

describe("message catalogues", () => {
  it.each([
    ["en", "nb"],
    ["nb", "en"],
  ])("every key in %s is also in %s", (from, to) => {
    const missing = [...keys[from]!.keys()].filter((key) => !keys[to]!.has(key));
    expect(missing, `missing in messages/${to}/`).toEqual([]);
  });

  it.each(Object.keys(catalogues))("%s has no empty texts", (locale) => {
    const empty = [...keys[locale]!].filter(([, text]) => text.trim() === "").map(([key]) => key);
    expect(empty, `empty in messages/${locale}/`).toEqual([]);
  });

  it("uses the same placeholders in both languages", () => {
    const differing = [...keys.en!]
      .filter(([key, text]) => keys.nb!.has(key) && argumentsOf(text).join() !== argumentsOf(keys.nb!.get(key)!).join())
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });
});

describe("message syntax", () => {
  it.each(Object.keys(catalogues))("every %s message parses as ICU (a stray < or { would show the key instead)", (locale) => {
    const invalid: string[] = [];
    const t = createTranslator({
      locale,
      messages: catalogues[locale]!,
      onError: (error) => {
        if (error.code === IntlErrorCode.INVALID_MESSAGE) invalid.push(error.message);
      },
    });
    for (const key of keys[locale]!.keys()) t(key as never);
    expect(invalid).toEqual([]);
  });
});
