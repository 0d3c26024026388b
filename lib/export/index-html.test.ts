import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { pathToFileURL } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser } from "@playwright/test";
import { eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { seedDemoData } from "@/lib/demo/seed";
import { createExportZip } from "./export-zip";
import { escapeHtml } from "./index-html";
import { systemScope } from "@/lib/auth/customer-scope";
import type { Locale } from "@/lib/i18n/locales";
import { formatterFor, messageLookup } from "@/lib/i18n/translator";
import { recordViews } from "./index-html-fields";
import { exportSources } from "./sources";

// index.html must open from the unzipped folder with no network at all: render it in the
// same Chromium the e2e suite uses, offline, and watch every request it makes.

let browser: Browser;
let folder: string;
let nbFolder: string;
let kariId: string;

async function unzippedExport(customerId: string, locale: Locale): Promise<string> {
  const db = await getDb();
  const zip = await buffer(
    createExportZip({ db, scope: systemScope(customerId, "export"), locale, requestId: "offline" }),
  );
  const into = await mkdtemp(path.join(tmpdir(), `tillit-export-${locale}-`));
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(zip)))) {
    await mkdir(path.dirname(path.join(into, name)), { recursive: true });
    await writeFile(path.join(into, name), bytes);
  }
  return into;
}

type Records = Record<string, Record<string, unknown>[]>;
async function recordsIn(dir: string): Promise<Records> {
  const data = JSON.parse(await readFile(path.join(dir, "data.json"), "utf8")) as {
    categories: Record<string, { records: Record<string, unknown>[] }>;
  };
  return Object.fromEntries(Object.entries(data.categories).map(([key, c]) => [key, c.records]));
}

/** The page as a reader sees it with every section opened: its text, and whether it is wider than the screen. */
async function readAt(dir: string, width: number) {
  const context = await browser.newContext({ offline: true, viewport: { width, height: 800 } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(dir, "index.html")).href);
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  const text = await page.locator("body").innerText();
  // Each labelled value as "label: value", as a screen reader pairs a term with its description.
  const pairs = await page
    .locator("dt")
    .evaluateAll((terms) => terms.map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent ?? ""}`));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const widest = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? "").slice(0, 60)}`)
      .slice(0, 5),
  );
  await context.close();
  return { text, pairs, overflow, widest };
}

beforeAll(async () => {
  const db = await getDb();
  await seedDemoData(db);
  const [kari] = await db.select().from(users).where(eq(users.email, "kari@example.com"));
  kariId = kari!.id;
  folder = await unzippedExport(kariId, "en");
  nbFolder = await unzippedExport(kariId, "nb");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const dir of [folder, nbFolder]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe("index.html in the unzipped export", () => {
  it("opens offline, requests nothing but itself, and is accessible", { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    const index = pathToFileURL(path.join(folder, "index.html")).href;
    await page.goto(index);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Your data");
    expect(await page.getByText("Kari Nordmann").count()).toBeGreaterThan(0);
    expect(await page.getByRole("heading", { name: "Your rights" }).count()).toBe(1);
    expect(requested).toEqual([index]);

    // Every relative link points at a file that is in the folder.
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    for (const href of hrefs.filter((h) => !/^[a-z]+:/i.test(h) && !h.startsWith("#"))) {
      await expect(stat(path.join(folder, href))).resolves.toBeTruthy();
    }
    await context.close();

    // axe runs as a script: a context with JavaScript on, still offline; every record
    // opened, the English page on a desktop and the Norwegian one on a phone.
    for (const [dir, width] of [
      [folder, 1280],
      [nbFolder, 375],
    ] as const) {
      const axeContext = await browser.newContext({ offline: true, viewport: { width, height: 800 } });
      const axePage = await axeContext.newPage();
      await axePage.goto(pathToFileURL(path.join(dir, "index.html")).href);
      await axePage.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      // Once, in the page: the file has no frames (see expectNoAxeViolations in e2e/fixtures.ts).
      const results = await new AxeBuilder({ page: axePage })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .setLegacyMode()
        .analyze();
      expect({ width, violations: results.violations.map((v) => v.id) }).toEqual({ width, violations: [] });
      await axeContext.close();
    }
  });
});

describe("index.html is for people", () => {
  it("labels every record in the reader's language, with money and times as the site shows them", async () => {
    const records = await recordsIn(folder);
    const { pairs } = await readAt(folder, 1280);
    const format = formatterFor("en");
    const order = records.orders![0]!;
    const total = format.number(Number(order.totalOre) / 100, { style: "currency", currency: "NOK" });
    expect(total).toMatch(/^NOK\s\d{1,3}(,\d{3})*\.\d\d$/);
    expect(pairs).toContain(`Total: ${total}`);
    const placed = format.dateTime(new Date(String(order.placedAt)), { dateStyle: "long", timeStyle: "short" });
    expect(pairs).toContain(`Ordered: ${placed}`);
    expect(pairs).toContain(`Order number: ${String(order.orderNumber)}`);
    // Codes read as words; the system's reason for a staff access in the reader's language, an agent's as given.
    expect(pairs).toContain("Status: Delivered");
    expect(pairs).toContain("Reason given: Working on a request you sent us about your data");
    expect(pairs).toContain("Reason given: Feil i adressen på faktura (SUP-12577)");
    expect(pairs).toContain("What happened: Granted");
    expect(pairs).toContain("Purpose: Order updates by SMS");
  });

  it("shows no column names, ids, ISO times or raw codes, and says where the raw detail is", async () => {
    const records = await recordsIn(folder);
    for (const dir of [folder, nbFolder]) {
      const { text } = await readAt(dir, 1280);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(text).not.toContain(kariId);
      const ids = Object.values(records).flatMap((list) => list.map((r) => String(r.id ?? "")));
      for (const id of ids.filter((id) => id.length >= 8)) expect(text).not.toContain(id);
      for (const column of ["totalOre", "placedAt", "purposeKey", "occurredAt", "staffRole", "sourceChannel"]) {
        expect(text).not.toContain(column);
      }
      for (const code of [
        "data-subject request",
        "data_subject_request",
        "in_progress",
        "page_view",
        "reconsent_prompt",
        "order_processing",
        "sms_updates",
      ]) {
        expect(text).not.toContain(code);
      }
      expect(text).toMatch(/csv\/orders\.csv and in data\.json|csv\/orders\.csv og i data\.json/);
    }
  });

  it("is in Norwegian when the customer uses Norwegian", async () => {
    const records = await recordsIn(nbFolder);
    const { pairs } = await readAt(nbFolder, 1280);
    const order = records.orders![0]!;
    const total = formatterFor("nb").number(Number(order.totalOre) / 100, { style: "currency", currency: "NOK" });
    expect(pairs).toContain(`Sum: ${total}`);
    expect(pairs).toContain("Oppgitt grunn: Behandle en forespørsel du har sendt oss om dataene dine");
    expect(pairs).toContain("Hva som skjedde: Samtykke gitt");
    expect(pairs).toContain("Formål: Ordreoppdateringer på SMS");
  });

  it("fits a 375 px phone screen without scrolling sideways", async () => {
    for (const dir of [folder, nbFolder]) {
      const { overflow, widest } = await readAt(dir, 375);
      expect({ overflow, widest }).toEqual({ overflow: 0, widest: [] });
    }
  });
});

describe("the fields index.html shows", () => {
  it("decides on every exported field: shown with a label, or left to data.json and the CSV", () => {
    for (const [key, source] of Object.entries(exportSources)) {
      const view = recordViews[key as keyof typeof recordViews];
      expect([...Object.keys(view.show), ...view.leave].sort(), key).toEqual([...source.columns].sort());
    }
  });

  it("has a word in both languages for every stored code it shows", () => {
    const missing: string[] = [];
    for (const locale of ["en", "nb"] as const) {
      const message = messageLookup(locale);
      for (const [key, source] of Object.entries(exportSources)) {
        for (const [field, view] of Object.entries(recordViews[key as keyof typeof recordViews].show)) {
          if (message(`exportFile.fields.${view.label}`) === null) missing.push(`${locale} label ${view.label}`);
          if (view.as !== "code" && view.as !== "language") continue;
          const values = (source.fields[field]!.column as { enumValues?: string[] }).enumValues ?? [];
          const prefix = view.as === "language" ? "exportFile.language" : view.messages;
          for (const value of values) {
            if (message(`${prefix}.${value}`) === null) missing.push(`${locale} ${key}.${field}: ${value}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("escapeHtml", () => {
  it("escapes every character that could start markup or end an attribute", () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;",
    );
  });
});
