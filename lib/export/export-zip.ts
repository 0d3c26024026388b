import "server-only";
import { Readable } from "node:stream";
import yazl from "yazl";
import type { Db, Executor } from "@/db";
import { scopedCustomerId, type CustomerScope } from "@/lib/auth/customer-scope";
import { appUrl as configuredAppUrl } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { buildArt15 } from "./art15";
import { CSV_BOM, csvLine } from "./csv";
import { dpvVocabularies } from "./dpv";
import type { CategorySummary, ExportHead } from "./export-head";
import { exportSchema, exportSchemaPath } from "./export-schema";
import { renderIndexHtml } from "./index-html";
import { exportCategoryKeys, exportSources, type ExportCategoryKey } from "./sources";

export type ExportZipOptions = {
  db: Db;
  /** Whose data: the customer themself (a direct download) or the export job's system scope. */
  scope: CustomerScope;
  locale: Locale;
  /** The export request's id (goes into data.json). */
  requestId: string;
  /** Called as rows are written (cumulative count), so a job can report progress. */
  onProgress?: (rowsWritten: number) => Promise<void> | void;
};

/** Rows read per query: big enough to be quick, small enough that memory stays flat. */
export const EXPORT_BATCH_SIZE = 2_000;
const SAMPLE_SIZE = 3;
const DEFLATE_LEVEL = 6;

/**
 * Total rows the export will write (for a progress bar and the "large account"
 * threshold): one count per table, on the customer_id indexes.
 */
export async function countExportRows(db: Executor, scope: CustomerScope): Promise<number> {
  let total = 0;
  for (const key of exportCategoryKeys) total += await exportSources[key].count(db, scope);
  return total;
}

/**
 * A Node Readable of the zip's bytes; pulls from the database only as fast as it is
 * read (backpressure). The caller has already checked that the reader may have this
 * customer's data (the customer themself, after a recent sign-in).
 *
 * data.json and each CSV read the tables in keyset batches, one short query per batch,
 * with no transaction held while the consumer is slow (PGlite has one connection).
 * `onProgress` counts each record once: half when it is in data.json, the other half
 * when it is in its CSV, so it ends at `countExportRows`.
 */
export function createExportZip(options: ExportZipOptions): Readable {
  const { db, scope, locale, requestId } = options;
  const customerId = scopedCustomerId(scope);
  const baseUrl = configuredAppUrl();
  const now = new Date();
  const zip = new yazl.ZipFile();
  const out = zip.outputStream as Readable;
  const active = new Set<Readable>();
  const summaries = new Map<ExportCategoryKey, CategorySummary>();
  let head: ExportHead | null = null;
  let recordWrites = 0;

  const progress = async (rows: number) => {
    recordWrites += rows;
    await options.onProgress?.(Math.floor(recordWrites / 2));
  };
  const fail = (error: unknown) => {
    if (!out.destroyed) out.destroy(error instanceof Error ? error : new Error("export failed"));
  };
  zip.on("error", fail);
  // A download cut off (or a job stopped) ends the reads in progress too.
  out.on("close", () => {
    for (const stream of active) stream.destroy();
  });

  const entry = (name: string, produce: () => AsyncIterable<string>) => {
    zip.addReadStreamLazy(name, { mtime: now, compressionLevel: DEFLATE_LEVEL }, (callback) => {
      const stream = Readable.from(encode(produce()), { objectMode: false });
      active.add(stream);
      stream.on("error", fail);
      stream.on("close", () => active.delete(stream));
      callback(null, stream);
    });
  };

  entry("data.json", async function* () {
    const art15 = await buildArt15({ db, scope, locale, appUrl: baseUrl, now });
    head = {
      $schema: `${baseUrl}${exportSchemaPath}`,
      format: "tillit-export",
      formatVersion: 1,
      exportId: requestId,
      generatedAt: now.toISOString(),
      locale,
      subject: { customerId },
      vocabularies: dpvVocabularies,
      art15,
    };
    const headJson = JSON.stringify(head, null, 2);
    // Everything but the closing brace, then the categories, streamed.
    yield `${headJson.slice(0, headJson.lastIndexOf("}")).trimEnd()},\n  "categories": {`;
    for (const [index, key] of exportCategoryKeys.entries()) {
      const source = exportSources[key];
      const summary: CategorySummary = { count: 0, first: [], last: [] };
      summaries.set(key, summary);
      yield `${index > 0 ? "," : ""}\n    ${JSON.stringify(key)}: {\n      "dpv": ${JSON.stringify(source.dpv)},\n      "inventoryCategories": ${JSON.stringify(source.inventoryCategories)},\n      "records": [`;
      for await (const records of source.batches(db, scope, EXPORT_BATCH_SIZE)) {
        const parts: string[] = [];
        for (const record of records) {
          parts.push(`${summary.count > 0 ? "," : ""}\n        ${JSON.stringify(record)}`);
          if (summary.first.length < SAMPLE_SIZE) summary.first.push(record);
          else {
            summary.last.push(record);
            if (summary.last.length > SAMPLE_SIZE) summary.last.shift();
          }
          summary.count += 1;
        }
        yield parts.join("");
        await progress(records.length);
      }
      yield `${summary.count > 0 ? "\n      " : ""}],\n      "count": ${summary.count}\n    }`;
    }
    yield "\n  }\n}\n";
  });

  for (const key of exportCategoryKeys) {
    entry(`csv/${csvFileName(key)}`, async function* () {
      const source = exportSources[key];
      yield CSV_BOM + csvLine([...source.columns]);
      for await (const records of source.batches(db, scope, EXPORT_BATCH_SIZE)) {
        yield records.map((record) => csvLine(source.columns.map((column) => record[column]))).join("");
        await progress(records.length);
      }
    });
  }

  zip.addBuffer(Buffer.from(`${JSON.stringify(exportSchema(baseUrl), null, 2)}\n`), "schema/export-v1.json", {
    mtime: now,
    compressionLevel: DEFLATE_LEVEL,
  });

  // Last, so that data.json has gathered the counts and samples it shows.
  entry("index.html", async function* () {
    if (!head) throw new Error("index.html before data.json");
    yield renderIndexHtml({ head, summaries, locale, csvFileName });
  });

  zip.addBuffer(Buffer.from(readme(locale)), "README.txt", { mtime: now, compressionLevel: DEFLATE_LEVEL });
  zip.end();
  return out;
}

/** The download's file name, e.g. `tillit-export-2026-11-29.zip` (the Oslo date; no personal data). */
export function exportZipFileName(at: Date = new Date()): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(at);
  return `tillit-export-${day}.zip`;
}

export function csvFileName(key: ExportCategoryKey): string {
  return `${key}.csv`;
}

function readme(locale: Locale): string {
  const other: Locale = locale === "nb" ? "en" : "nb";
  const text = (l: Locale) => translatorFor(l, "exportFile")("readme");
  return `${text(locale)}\n\n----\n\n${text(other)}\n`.replace(/\n/g, "\r\n");
}

async function* encode(chunks: AsyncIterable<string>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) if (chunk.length > 0) yield Buffer.from(chunk, "utf8");
}
