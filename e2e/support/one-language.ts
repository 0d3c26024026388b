import type { Page } from "@playwright/test";
import { demoPurposes, demoRetiredPurposes } from "../../lib/demo/demo-purposes";
import { en, nb } from "../../messages";

// What a reader of a Norwegian page should never meet outside "Tekniske detaljer": English
// words, and the jargon of the standards behind the page.

type Catalogue = { [key: string]: string | Catalogue };
const textsOf = (catalogue: Catalogue): string[] =>
  Object.values(catalogue).flatMap((value) => (typeof value === "string" ? [value] : textsOf(value)));
const wordsOf = (text: string) => (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.length >= 3);

const purposes = [...demoPurposes, ...demoRetiredPurposes];
const norwegian = new Set([
  ...textsOf(nb as Catalogue).flatMap(wordsOf),
  ...purposes.flatMap((p) => Object.values(p.texts.nb).flatMap((t) => wordsOf(String(t)))),
]);
// Names that are the same in every language: companies, browsers, systems.
const names = new Set(
  wordsOf("Tillit Link Mobility Mailchimp Intuit Inc Posten Bring Chrome Headless Safari Mobile Linux Android iOS Mac"),
);
/** Words of the English catalogue and purpose texts that no Norwegian text uses. */
const englishOnly = new Set(
  [
    ...textsOf(en as Catalogue).flatMap(wordsOf),
    ...purposes.flatMap((p) => Object.values(p.texts.en).flatMap((t) => wordsOf(String(t)))),
  ].filter((w) => !norwegian.has(w) && !names.has(w)),
);

const jargon: RegExp[] = [
  /\.jws\b/i,
  /\beyJ/,
  /well-known|jwks/i,
  /\bGDPR\b/,
  /\bArt\.\s*\d/,
  /\burn:/i,
  /Global Privacy Control/i,
  /\bAPI\b/,
  /Kantara/i,
  // A purpose key or any other code: order_processing, data_subject_request.
  /\b[a-z]+_[a-z_]+\b/,
  // A country as its code: "Link Mobility AS (NO, …)".
  /\([A-Z]{2}[,)]/,
];

export const technicalDetails = "Tekniske detaljer";

/**
 * The page's text as a reader sees it with every disclosure open except "Tekniske
 * detaljer", leaving out what is marked as another language (a quote, the language switch)
 * and what the reader typed into a field.
 */
export async function readableText(page: Page): Promise<string> {
  return page.evaluate((technical) => {
    const pageLang = document.documentElement.lang;
    const hide: HTMLElement[] = [];
    for (const details of document.querySelectorAll("details")) {
      const summary = details.querySelector("summary")?.textContent?.trim();
      if (summary === technical) hide.push(details);
      else details.open = true;
    }
    for (const el of document.querySelectorAll<HTMLElement>("[lang]")) {
      if (el !== document.documentElement && el.lang !== pageLang) hide.push(el);
    }
    hide.push(...document.querySelectorAll<HTMLElement>("textarea, input"));
    const before = hide.map((el) => el.style.display);
    hide.forEach((el) => el.style.setProperty("display", "none", "important"));
    const text = document.body.innerText;
    hide.forEach((el, i) => (el.style.display = before[i]!));
    return text;
  }, technicalDetails);
}

/** English words and jargon found in a Norwegian page's readable text: empty when the page is all Norwegian. */
export function englishAndJargonIn(text: string): string[] {
  // An address is a name, in no language.
  const words = wordsOf(text.replace(/\S+@\S+|https?:\/\/\S+/g, " "));
  const english = [...new Set(words.filter((w) => englishOnly.has(w)))].map((w) => `English: ${w}`);
  const terms = jargon.flatMap((re) => {
    const found = text.match(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`));
    return found ? [...new Set(found)].map((m) => `jargon: ${m}`) : [];
  });
  return [...english, ...terms];
}
