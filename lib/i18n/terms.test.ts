import { describe, expect, it } from "vitest";
import { demoPurposes, demoRetiredPurposes } from "@/lib/demo/demo-purposes";
import { nb } from "@/messages";

// One Norwegian word per concept: a reader who meets two names for one thing (the loyalty
// programme as both "Kundeklubben" and "Fordelsprogram") wonders whether they are two things.
const oneTermPerConcept = [
  { concept: "the loyalty programme", use: /kundeklubb/i, avoid: /fordelsprogram/i },
  { concept: "loyalty points", use: /kundeklubbpoeng/i, avoid: /bonuspoeng/i },
  { concept: "signing in", use: /innlogg|logget inn/i, avoid: /pålogg/i },
  { concept: "an objection (Art. 21)", use: /protest/i, avoid: /innsigelse/i },
  { concept: "what we infer about you", use: /utled/i, avoid: /antar om deg|antakelse/i },
  { concept: "a push notification", use: /pushvarsel/i, avoid: /(?<!push)varsel\b/i },
  { concept: "a customer service case", use: /kundeservicesak/i, avoid: /henvendelse/i },
  { concept: "an order", use: /bestilling/i, avoid: /\bordrer\b/i },
  { concept: "the customer's own page", use: /Din side/, avoid: /Min side/i },
];

type Catalogue = { [key: string]: string | Catalogue };
const leaves = (catalogue: Catalogue, prefix = ""): [string, string][] =>
  Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );

// Everything a Norwegian reader sees: the catalogue and the demo company's purpose texts.
const texts: [string, string][] = [
  ...leaves(nb as Catalogue),
  ...[...demoPurposes, ...demoRetiredPurposes].flatMap((p) =>
    Object.entries(p.texts.nb).map(([field, text]) => [`purpose ${p.key}.${field}`, String(text)] as [string, string]),
  ),
];

describe("Norwegian wording", () => {
  it.each(oneTermPerConcept)("names $concept one way", ({ use, avoid }) => {
    expect(texts.some(([, text]) => use.test(text))).toBe(true);
    expect(texts.filter(([, text]) => avoid.test(text)).map(([where, text]) => `${where}: ${text}`)).toEqual([]);
  });
});
