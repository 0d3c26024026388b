// Types that the zip's entries share: the head of data.json, and what index.html shows
// per category (gathered while data.json is written). Their own module, so that
// export-zip.ts and index-html.ts do not import each other.
import type { Locale } from "@/lib/i18n/locales";
import type { Art15Info } from "./art15";
import type { dpvVocabularies } from "./dpv";
import type { ExportRecord } from "./sources";

/** What index.html shows per category: the count and the first and last few records. */
export type CategorySummary = { count: number; first: ExportRecord[]; last: ExportRecord[] };

/** The head of data.json: everything but the records. */
export type ExportHead = {
  $schema: string;
  format: "tillit-export";
  formatVersion: 1;
  exportId: string;
  generatedAt: string;
  locale: Locale;
  subject: { customerId: string };
  vocabularies: typeof dpvVocabularies;
  art15: Art15Info;
};
