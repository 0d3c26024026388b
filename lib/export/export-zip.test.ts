import { buffer } from "node:stream/consumers";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { count, eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { communicationPreferences, dataChanges, purposes, sessions, supportTickets, users } from "@/db/schema";
import { seedDemoData } from "@/lib/demo/seed";
import { appUrl } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { dpvPurposeTerms } from "@/lib/purposes/dpv-purposes";
import { fileRequest } from "@/lib/requests/record-request";
import { publicSessionId } from "@/lib/sessions/session-id";
import { GET as getSchema } from "@/app/schemas/export-v1.json/route";
import { dpvPersonalDataTerms } from "./dpv";
import { exportSchema, recordSchemas } from "./export-schema";
import { countExportRows, createExportZip, csvFileName, exportZipFileName } from "./export-zip";
import { exportCategoryKeys, rightKeys, type ExportCategoryKey } from "./keys";
import { exportSources } from "./sources";
import { systemScope } from "@/lib/auth/customer-scope";

type Files = Record<string, Uint8Array>;
type DataJson = {
  $schema: string;
  exportId: string;
  locale: string;
  subject: { customerId: string };
  art15: {
    purposes: { key: string; dpvPurposes: string[]; legalBasisDpv: string; consent: { status: string } }[];
    categories: { key: string; dpv: string[]; count: number; source: { kind: string } }[];
    recipients: { name: string; country: string; outsideEea: boolean; disclosureCount: number }[];
    transfers: { recipient: string; country: string }[];
    automatedDecisionMaking: { profiling: boolean; inferences: { label: string; sourceCategories: string[] }[] };
    rights: { right: string; url: string }[];
  };
  categories: Record<ExportCategoryKey, { dpv: string[]; records: Record<string, unknown>[]; count: number }>;
};

// A value that must survive CSV quoting and must not run as a spreadsheet formula.
const TRICKY = '=HYPERLINK("x"),"quoted", comma\nsecond line';
const SESSION_TOKEN = "kari-session-token-that-must-never-leave-the-server";

let kari: { id: string };
let ola: { id: string };
let requestId: string;

async function exportOf(customerId: string, locale: Locale, id = requestId) {
  const db = await getDb();
  const progress: number[] = [];
  const zip = await buffer(
    createExportZip({
      db,
      scope: systemScope(customerId, "export"),
      locale,
      requestId: id,
      onProgress: (n) => void progress.push(n),
    }),
  );
  const files: Files = unzipSync(new Uint8Array(zip));
  const text = (name: string) => strFromU8(files[name]!);
  return { files, text, data: JSON.parse(text("data.json")) as DataJson, progress };
}

/** Parses a CSV from the zip, which must start with a UTF-8 byte order mark (for Excel). */
function csvOf(bytes: Uint8Array) {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(Buffer.from(bytes.subarray(3)).toString("utf8"), { relaxColumnCount: false }) as string[][];
}

beforeAll(async () => {
  const db = await getDb();
  await seedDemoData(db);
  const byEmail = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]!;
  kari = await byEmail("kari@example.com");
  ola = await byEmail("ola@example.com");
  await db.insert(supportTickets).values({
    customerId: kari.id,
    reference: "CS-TRICKY",
    subject: TRICKY,
    channel: "email",
    status: "open",
    createdAt: new Date(),
  });
  await db.insert(sessions).values({
    sessionToken: SESSION_TOKEN,
    userId: kari.id,
    expires: new Date(Date.now() + 60 * 60 * 1000),
    userAgent: "Mozilla/5.0 (Macintosh) Firefox/140.0",
  });
  await db
    .insert(communicationPreferences)
    .values({ customerId: kari.id, channel: "sms", topic: "newsletter", allowed: false });
  await db.insert(dataChanges).values({ customerId: kari.id, field: "phone", action: "updated" });
  const request = await db.transaction((tx) => fileRequest(tx, { customerId: kari.id, kind: "export" }));
  requestId = request.id;
});

describe("the export of Kari", () => {
  let result: Awaited<ReturnType<typeof exportOf>>;
  beforeAll(async () => {
    result = await exportOf(kari.id, "nb");
  });

  it("holds data.json, its schema, one CSV per category, index.html and a README", () => {
    expect(Object.keys(result.files).sort()).toEqual(
      [
        "data.json",
        "schema/export-v1.json",
        "index.html",
        "README.txt",
        ...exportCategoryKeys.map((k) => `csv/${csvFileName(k)}`),
      ].sort(),
    );
  });

  it("validates against the published JSON Schema (draft 2020-12)", async () => {
    const schema = JSON.parse(result.text("schema/export-v1.json")) as Record<string, unknown>;
    expect(schema).toEqual(exportSchema(appUrl()));
    const served = (await getSchema().json()) as Record<string, unknown>;
    expect(served).toEqual(schema);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(result.data);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(result.data.$schema).toBe(schema.$id);
    expect(result.data.exportId).toBe(requestId);
  });

  it("the schema refuses a record with a field it does not describe", () => {
    const ajv = new Ajv2020({ strict: true });
    addFormats(ajv);
    const validate = ajv.compile(exportSchema(appUrl()));
    const tampered = structuredClone(result.data);
    (tampered.categories.profile.records[0] as Record<string, unknown>).role = "customer";
    expect(validate(tampered)).toBe(false);
  });

  it("the schema still takes an export made before a field was added to version 1", () => {
    const ajv = new Ajv2020({ strict: true });
    addFormats(ajv);
    const validate = ajv.compile(exportSchema(appUrl()));
    const earlier = structuredClone(result.data);
    const records = earlier.categories.interactionEvents.records as Record<string, unknown>[];
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      delete record.purposeKey;
      delete record.sentBy;
    }
    expect(validate(earlier)).toBe(true);
    // Any other field missing is still an error.
    delete records[0]!.kind;
    expect(validate(earlier)).toBe(false);
  });

  it("has every category with as many records as the database holds, in schema column order", async () => {
    const db = await getDb();
    for (const key of exportCategoryKeys) {
      const { table, customerId } = exportSources[key];
      const [row] = await db.select({ n: count() }).from(table).where(eq(customerId, kari.id));
      const block = result.data.categories[key];
      expect({ key, count: block.count }).toEqual({ key, count: Number(row!.n) });
      expect(block.records).toHaveLength(block.count);
      const columns = Object.keys((recordSchemas[key] as { properties: object }).properties);
      expect(exportSources[key].columns).toEqual(columns);
      for (const record of block.records) expect(Object.keys(record)).toEqual(columns);
    }
    expect(result.data.categories.interactionEvents.count).toBe(160);
    // The export's own request, next to the demo rectification requests.
    expect(result.data.categories.dataSubjectRequests.records).toContainEqual(
      expect.objectContaining({ id: requestId, kind: "export" }),
    );
    expect(result.data.categories.dataSubjectRequests.records.map((r) => r.kind)).toContain("rectification");
    const total = exportCategoryKeys.reduce((sum, key) => sum + result.data.categories[key].count, 0);
    expect(await countExportRows(db, systemScope(kari.id, "export"))).toBe(total);
    expect(result.progress.at(-1)).toBe(total);
    expect(result.progress).toEqual([...result.progress].sort((a, b) => a - b));
  });

  it("writes stable string ids, UTC ISO 8601 times and money as øre with a currency", () => {
    const order = result.data.categories.orders.records[0]!;
    expect(order).toMatchObject({ currency: "NOK" });
    expect(Number.isInteger(order.totalOre)).toBe(true);
    expect(String(order.placedAt)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const event = result.data.categories.interactionEvents.records[0]!;
    expect(typeof event.id).toBe("string");
    // The demo's events are the company's own records: sent by no other system, for no API purpose.
    expect(event).toMatchObject({ purposeKey: null, sentBy: null });
    expect(result.data.categories.profile.records[0]).toMatchObject({
      customerId: kari.id,
      givenName: "Kari",
      familyName: "Nordmann",
      email: "kari@example.com",
      birthDate: "1986-04-12",
    });
  });

  it("keeps internal columns out: no session token, role or staff account id", () => {
    const everything = Object.values(result.files)
      .map((f) => strFromU8(f))
      .join("\n");
    expect(everything).not.toContain(SESSION_TOKEN);
    expect(result.data.categories.sessions.records).toMatchObject([{ id: publicSessionId(SESSION_TOKEN) }]);
    expect(everything).not.toContain("staffUserId");
    expect(everything).not.toContain('"role":"customer"');
    expect(result.data.categories.staffAccessLog.records[0]).toHaveProperty("staffName");
  });

  it("tags every category and every purpose with W3C DPV terms", async () => {
    const db = await getDb();
    for (const key of exportCategoryKeys) {
      expect(result.data.categories[key].dpv.length).toBeGreaterThan(0);
      for (const term of result.data.categories[key].dpv) expect(dpvPersonalDataTerms).toContain(term);
    }
    for (const category of result.data.art15.categories) {
      expect(category.dpv.length).toBeGreaterThan(0);
      for (const term of category.dpv) expect(dpvPersonalDataTerms).toContain(term);
    }
    const published = await db.select().from(purposes).where(eq(purposes.status, "published"));
    expect(result.data.art15.purposes.map((p) => p.key).sort()).toEqual(published.map((p) => p.key).sort());
    for (const purpose of result.data.art15.purposes) {
      expect(purpose.dpvPurposes.length).toBeGreaterThan(0);
      for (const term of purpose.dpvPurposes) expect(dpvPurposeTerms).toContain(term);
      expect(purpose.legalBasisDpv).toMatch(/^dpv:(Consent|Contract|LegalObligation|LegitimateInterest)$/);
    }
  });

  it("carries the Art. 15 information: consent states, sources, recipients, transfers, profiling, rights", () => {
    const { art15 } = result.data;
    const status = Object.fromEntries(art15.purposes.map((p) => [p.key, p.consent.status]));
    expect(status).toMatchObject({
      order_processing: "required",
      newsletter: "granted",
      product_analytics: "withdrawn",
      service_surveys: "in_use",
    });
    expect(art15.categories.map((c) => c.key)).toEqual([
      "identity",
      "contact",
      "addresses",
      "orders",
      "loyalty",
      "devices",
      "interactions",
      "tickets",
      "messages",
      "inferences",
    ]);
    expect(art15.categories.find((c) => c.key === "inferences")?.source.kind).toBe("inferred");
    // The newsletter is sent through Mailchimp in the US: a transfer outside the EEA.
    expect(art15.recipients).toContainEqual(expect.objectContaining({ name: "Posten Bring AS", country: "NO" }));
    // Every newsletter and SMS went through an outside service: each is a disclosure, here as on her page.
    const times = Object.fromEntries(art15.recipients.map((r) => [r.name, r.disclosureCount]));
    expect(times).toMatchObject({ "Mailchimp (Intuit Inc.)": 26, "Link Mobility AS": 18, "Posten Bring AS": 18 });
    expect(result.data.categories.disclosures.count).toBe(62);
    expect(art15.transfers).toContainEqual(expect.objectContaining({ country: "US" }));
    expect(art15.automatedDecisionMaking.profiling).toBe(true);
    expect(art15.automatedDecisionMaking.inferences.length).toBeGreaterThan(0);
    expect(art15.rights.map((r) => r.right)).toEqual([...rightKeys]);
    const urls = Object.fromEntries(art15.rights.map((r) => [r.right, r.url]));
    expect(urls).toMatchObject({
      access: `${appUrl()}/account/requests`,
      rectification: `${appUrl()}/account/profile`,
      erasure: `${appUrl()}/account/delete`,
      withdrawConsent: `${appUrl()}/account/purposes`,
      complaint: "https://www.datatilsynet.no",
    });
  });

  it("writes CSVs that parse: a header, one row per record, quoting and formula-safe cells", () => {
    for (const key of exportCategoryKeys) {
      const rows = csvOf(result.files[`csv/${csvFileName(key)}`]!);
      expect(rows[0]).toEqual([...exportSources[key].columns]);
      // The header is the catalogue's fields, named once, in their declared order.
      expect(rows[0]).toEqual(Object.keys(exportSources[key].fields));
      expect({ key, rows: rows.length - 1 }).toEqual({ key, rows: result.data.categories[key].count });
    }
    const tickets = csvOf(result.files["csv/supportTickets.csv"]!);
    const subject = tickets[0]!.indexOf("subject");
    const tricky = tickets.find((row) => row[subject]?.includes("HYPERLINK"))!;
    // Neutralised for spreadsheets, otherwise exact (comma, quotes, line break); exact in data.json.
    expect(tricky[subject]).toBe(`'${TRICKY}`);
    expect(result.data.categories.supportTickets.records.map((r) => r.subject)).toContain(TRICKY);
    // Negative numbers stay numbers.
    const points = csvOf(result.files["csv/loyaltyTransactions.csv"]!);
    expect(points.some((row) => row[2] === "-200")).toBe(true);
    // Nested values as JSON text.
    const consents = csvOf(result.files["csv/consentEvents.csv"]!);
    const shown = consents[0]!.indexOf("shownText");
    expect(JSON.parse(consents[1]![shown]!)).toHaveProperty("name");
  });

  it("summarises in index.html, in Norwegian, self-contained and without scripts", () => {
    const html = result.text("index.html");
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain("Dine data");
    expect(html).toContain("Kari Nordmann");
    expect(html).toContain("Rettighetene dine");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\ssrc\s*=/i);
    expect(html).not.toMatch(/<link|@import|url\(/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    for (const href of hrefs) {
      const local = !/^[a-z][a-z0-9+.-]*:/i.test(href);
      const portal = href.startsWith(`${appUrl()}/account/`);
      expect({ href, ok: local || portal || href === "https://www.datatilsynet.no" }).toEqual({ href, ok: true });
    }
    for (const key of exportCategoryKeys) expect(hrefs).toContain(`csv/${csvFileName(key)}`);
    expect(hrefs).toContain("data.json");
    // Escaped, never markup.
    expect(html).not.toContain('=HYPERLINK("x")');
    expect(html).toContain("=HYPERLINK(&quot;x&quot;)");
  });

  it("never holds another customer's data", () => {
    const everything = Object.values(result.files)
      .map((f) => strFromU8(f))
      .join("\n");
    for (const olas of [ola.id, "ola@example.com", "Ola", "+47 987 65 432", "TL-250001", "Kongens gate 5"]) {
      expect(everything).not.toContain(olas);
    }
  });
});

describe("the export of Ola, in English", () => {
  it("is in English and holds only Ola", async () => {
    const { data, text } = await exportOf(ola.id, "en", "ola-request");
    expect(data.subject.customerId).toBe(ola.id);
    expect(data.categories.orders.records).toMatchObject([{ orderNumber: "TL-250001" }]);
    const html = text("index.html");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Your data");
    expect(html).toContain("Ola Nordmann");
    expect(html).toContain("Your rights");
    expect(text("README.txt")).toMatch(/^This download holds/);
    const everything = [text("data.json"), html].join("\n");
    expect(everything).not.toContain(kari.id);
    expect(everything).not.toContain("kari@example.com");
  });
});

describe("GET /schemas/export-v1.json", () => {
  it("serves the schema publicly and cacheably", async () => {
    const response = getSchema();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/schema+json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    const schema = (await response.json()) as { $id: string; $schema: string };
    expect(schema.$id).toBe(`${appUrl()}/schemas/export-v1.json`);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });
});

describe("the record schemas of version 1", () => {
  // They are derived from the catalogue's fields: a change to a field changes the published format.
  it("stay as published (a change is deliberate: update the snapshot, or publish a version 2)", async () => {
    await expect(`${JSON.stringify(recordSchemas, null, 2)}\n`).toMatchFileSnapshot(
      "./__snapshots__/export-v1-records.json.snap",
    );
  });
});

describe("exportZipFileName", () => {
  it("names the download by the Oslo date, without personal data", () => {
    expect(exportZipFileName(new Date("2026-12-31T23:30:00Z"))).toBe("tillit-export-2027-01-01.zip");
  });
});
