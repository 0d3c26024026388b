import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
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

// index.html must open from the unzipped folder with no network at all: render it in the
// same Chromium the e2e suite uses, offline, and watch every request it makes.

let browser: Browser;
let folder: string;

beforeAll(async () => {
  const db = await getDb();
  await seedDemoData(db);
  const [kari] = await db.select().from(users).where(eq(users.email, "kari@example.com"));
  const zip = await buffer(
    createExportZip({ db, scope: systemScope(kari!.id, "export"), locale: "en", requestId: "offline" }),
  );
  folder = await mkdtemp(path.join(tmpdir(), "tillit-export-"));
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(zip)))) {
    await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await writeFile(path.join(folder, name), bytes);
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("index.html in the unzipped export", () => {
  it("opens offline, requests nothing but itself, and is accessible", async () => {
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

    // axe runs as a script: a context with JavaScript on, still offline.
    const axeContext = await browser.newContext({ offline: true });
    const axePage = await axeContext.newPage();
    await axePage.goto(index);
    const results = await new AxeBuilder({ page: axePage })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await axeContext.close();
  });
});

describe("escapeHtml", () => {
  it("escapes every character that could start markup or end an attribute", () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;",
    );
  });
});
