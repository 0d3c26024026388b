import { mkdir, writeFile } from "node:fs/promises";
import type { Browser, BrowserContext, Response } from "@playwright/test";
import { expect, test } from "./fixtures";
import { startAppServer } from "./support/app-server";
import { homePathOf } from "./support/not-found";
import { openSignInLink, signInLinkFrom, type SmtpReceiver } from "./support/smtp";

// What a first visit to each page costs, as Chromium gets it from the production build:
// the JavaScript (compressed transfer size of every script response until the network is
// idle, so chunks loaded after the load event count too) and the HTML document (its size as
// received, uncompressed). `npm run test:page-weight` prints the table; over budget fails.
// PAGE_WEIGHT_DETAIL=1 also prints every script; PAGE_WEIGHT_DUMP=<dir> saves each HTML.
const JS_BUDGET = 150 * 1024;
const HTML_BUDGET = 40 * 1024;

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
type Weight = { path: string; js: number; scripts: number; html: number; htmlGzip: number; errors: string[] };

const publicPages = ["/", "/signin", "/receipts/verify", "/transparency"];
const customerPages = [
  "/account",
  "/account/purposes",
  "/account/purposes/newsletter",
  "/account/purposes/personalised_offers",
  "/account/purposes/history",
  "/account/preferences",
  "/account/access",
  "/account/support-code",
  "/account/devices",
  "/account/profile",
  "/account/data",
  "/account/data/interactions",
  "/account/data/orders",
  "/account/data/messages",
  "/account/delete",
  "/account/export",
  "/account/requests",
  "/account/requests/restrict",
  "/account/requests/object",
  "/account/requests/correct",
];

const kB = (bytes: number) => (bytes / 1024).toFixed(1);
const isScript = (response: Response) => /javascript/.test(response.headers()["content-type"] ?? "");
const transferSize = async (response: Response) => (await response.request().sizes()).responseBodySize;

/** One cold visit in a fresh context (empty cache), signed in as `storageState` says. */
async function weigh(browser: Browser, baseURL: string, path: string, storageState?: StorageState): Promise<Weight> {
  const context = await browser.newContext({ baseURL, locale: "nb-NO", storageState });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const responses: Response[] = [];
  page.on("response", (response) => responses.push(response));
  const document = await page.goto(path);
  expect(document?.status(), path).toBe(200);
  expect(new URL(page.url()).pathname, path).toBe(path);
  await page.waitForLoadState("networkidle");
  const scripts = responses.filter(isScript);
  const sizes = await Promise.all(scripts.map(transferSize));
  const body = await document!.body();
  if (process.env.PAGE_WEIGHT_DETAIL) {
    scripts.forEach((response, i) => console.log(`${path}\t${kB(sizes[i]!)}\t${new URL(response.url()).pathname}`));
  }
  if (process.env.PAGE_WEIGHT_DUMP) {
    await mkdir(process.env.PAGE_WEIGHT_DUMP, { recursive: true });
    await writeFile(`${process.env.PAGE_WEIGHT_DUMP}/${path.replace(/[^a-z0-9]+/gi, "_") || "_"}.html`, body);
  }
  const weight = {
    path,
    js: sizes.reduce((a, b) => a + b, 0),
    scripts: scripts.length,
    html: body.length,
    htmlGzip: await transferSize(document!),
    errors,
  };
  await context.close();
  return weight;
}

/** Signs in by mail on `baseURL` and returns the session, and the first request's address for Kari. */
async function signedIn(browser: Browser, baseURL: string, smtp: SmtpReceiver, email: string) {
  const context = await browser.newContext({ baseURL, locale: "nb-NO" });
  const page = await context.newPage();
  const since = new Date();
  await page.goto("/signin");
  await page.locator("#email").fill(email);
  await page.locator("form:has(#email) button[type=submit]").click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await openSignInLink(page, signInLinkFrom(await smtp.waitFor(email, since)));
  await expect(page).toHaveURL(new RegExp(`${homePathOf(email)}$`));
  let request: string | null = null;
  if (homePathOf(email) === "/account") {
    await page.goto("/account/requests");
    request = await page.locator('a[href^="/account/requests/"][aria-label]').first().getAttribute("href");
  }
  const state = await context.storageState();
  await context.close();
  return { state, request };
}

test("every customer page first-loads at most 150 kB of JavaScript and 40 kB of HTML", async ({
  browser,
  smtp,
}, testInfo) => {
  test.setTimeout(300_000);
  // Its own server on a fresh embedded database: the figures are those of the seeded demo
  // data, whatever the other journeys of the run have done to Kari by now.
  const app = await startAppServer({ emailServer: smtp.url, usePostgres: false });
  const weights: Weight[] = [];
  try {
    for (const path of publicPages) weights.push(await weigh(browser, app.baseURL, path));
    const kari = await signedIn(browser, app.baseURL, smtp, "kari@example.com");
    for (const path of [...customerPages, kari.request!]) {
      weights.push(await weigh(browser, app.baseURL, path, kari.state));
    }
    for (const email of ["agent@example.com", "product@example.com"]) {
      const staff = await signedIn(browser, app.baseURL, smtp, email);
      weights.push(await weigh(browser, app.baseURL, homePathOf(email), staff.state));
    }
  } finally {
    await app.stop();
  }

  const table = [
    ["page".padEnd(48), "JS kB".padStart(7), "scripts".padStart(8), "HTML kB".padStart(8), "HTML gzip".padStart(10)],
    ...weights.map((w) => [
      w.path.padEnd(48),
      kB(w.js).padStart(7),
      String(w.scripts).padStart(8),
      kB(w.html).padStart(8),
      kB(w.htmlGzip).padStart(10),
      w.html > HTML_BUDGET ? " over the HTML budget" : "",
    ]),
  ]
    .map((row) => row.join(" ").trimEnd())
    .concat(`budget: JS ≤ ${kB(JS_BUDGET)} kB (gzip, as transferred), HTML ≤ ${kB(HTML_BUDGET)} kB (uncompressed)`)
    .join("\n");
  console.log(`\n${table}\n`);
  await testInfo.attach("page-weight.txt", { body: table, contentType: "text/plain" });

  expect.soft(weights.filter((w) => w.js > JS_BUDGET).map((w) => `${w.path}: ${kB(w.js)} kB JS`)).toEqual([]);
  expect.soft(weights.filter((w) => w.html > HTML_BUDGET).map((w) => `${w.path}: ${kB(w.html)} kB HTML`)).toEqual([]);
  // A client component whose page forgot a namespace in <ClientMessages> shows a key and logs.
  expect
    .soft(weights.flatMap((w) => w.errors.filter((e) => /intl|message/i.test(e)).map((e) => `${w.path}: ${e}`)))
    .toEqual([]);
  expect.soft(app.log()).not.toMatch(/MISSING_MESSAGE|INSUFFICIENT_PATH|No messages at/);
});
