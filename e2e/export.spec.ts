import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { unzipSync } from "fflate";
import { sql } from "drizzle-orm";
import { expect, expectNoAxeViolations, test } from "./fixtures";
import { openAppDatabase } from "./support/database";
import { openSignInLink, signInLinkFrom } from "./support/smtp";

test.use({ locale: "en-GB" });

async function focusByTab(page: Page, target: Locator) {
  for (let i = 0; i < 60 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test(
  "Kari exports her data with the keyboard and downloads a zip only she can get",
  { tag: "@smoke" },
  async ({ page, signInByEmail }) => {
    // A fresh sign-in: starting an export needs one from the last 10 minutes.
    await signInByEmail(page, "kari@example.com");
    await page.getByRole("link", { name: "Download my data" }).click();
    await expect(page).toHaveURL(/\/account\/export$/);
    await expect(page.getByRole("heading", { level: 1, name: "Download my data" })).toBeVisible();
    await expect(page.getByText("data.json: all your data in one documented structure")).toBeVisible();

    const start = page.getByRole("button", { name: "Start export" });
    await focusByTab(page, start);
    await page.keyboard.press("Enter");
    // Said once on screen (the notice, with its link) and once to screen readers (a hidden status line).
    const announced = page.getByRole("status").filter({ hasText: "Your export is ready. Download it from the list below." });
    await expect(announced).toHaveClass("sr-only");
    await expect(page.getByText("Your export is ready.", { exact: true })).toBeVisible();

    const link = page.getByRole("link", { name: "Download (zip)" }).first();
    await expect(link).toBeVisible();
    await expect(page.getByText(/^The link works until /).first()).toBeVisible();
    await focusByTab(page, link);
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toMatch(/^tillit-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(new Uint8Array(await readFile(await download.path())));
    const names = Object.keys(entries);
    expect(names).toEqual(expect.arrayContaining(["data.json", "index.html"]));
    expect(names.filter((name) => name.endsWith(".csv")).length).toBeGreaterThan(0);
    expect(Buffer.from(entries["data.json"]!).toString("utf8")).toContain("kari@example.com");

    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/account\/export\/[0-9a-f-]{36}\/download$/);
    const own = await page.request.get(href!);
    expect(own.status()).toBe(200);
    expect(own.headers()["content-type"]).toBe("application/zip");
    expect(own.headers()["cache-control"]).toContain("no-store");

    // The home page says so too.
    await page.goto("/account");
    await expect(page.getByText("Your export is ready.")).toBeVisible();

    await page.context().clearCookies();
    const anonymous = await page.request.get(href!, { maxRedirects: 0 });
    expect(anonymous.status()).toBe(404);

    await signInByEmail(page, "ola@example.com");
    const asOla = await page.request.get(href!, { maxRedirects: 0 });
    expect(asOla.status()).toBe(404);
    expect(asOla.headers()["content-disposition"]).toBeUndefined();
    const unknown = await page.request.get(`/account/export/${crypto.randomUUID()}/download`, { maxRedirects: 0 });
    const malformed = await page.request.get("/account/export/x1/download", { maxRedirects: 0 });
    for (const other of [unknown, malformed]) {
      expect(other.status()).toBe(404);
      expect(await other.text()).toBe(await asOla.text());
    }
  },
);

test("viewing the export page builds no zip: only a click on a download link reaches the route", async ({
  page,
  signInByEmail,
}) => {
  await signInByEmail(page, "kari@example.com");
  await page.goto("/account/export");
  const listLink = page.getByRole("link", { name: "Download (zip)" }).first();
  if ((await listLink.count()) === 0) {
    await page.getByRole("button", { name: "Start export" }).click();
    await expect(listLink).toBeVisible();
  }

  const isDownload = (url: string) => /^\/account\/export\/[^/]+\/download$/.test(new URL(url).pathname);
  const toDownload: string[] = [];
  const prefetches: string[] = [];
  page.on("request", (request) => {
    if (isDownload(request.url())) toDownload.push(request.url());
    else if (request.headers()["next-router-prefetch"]) prefetches.push(request.url());
  });
  await page.goto("/account/export");
  const notice = page.getByRole("link", { name: /^Download it before / });
  await expect(notice).toBeVisible();
  // Hovering is what makes Next prefetch a <Link> at once; the account menu's links prove
  // that prefetching ran while the page was watched.
  await notice.hover();
  await listLink.hover();
  await page
    .getByRole("navigation", { name: "Your account" })
    .getByRole("link", { name: "Requests, export and deletion" })
    .hover();
  await expect.poll(() => prefetches.length).toBeGreaterThan(0);
  await page.waitForLoadState("networkidle");
  expect(toDownload).toEqual([]);
  for (const link of [notice, listLink]) {
    await expect(link).toHaveAttribute("download", "");
    await expect(link).toHaveAttribute("href", /^\/account\/export\/[0-9a-f-]{36}\/download$/);
  }

  // What Next's router or a browser sends ahead of time is refused before any zip is built.
  const href = (await notice.getAttribute("href"))!;
  for (const headers of <Record<string, string>[]>[
    { RSC: "1", "Next-Router-Prefetch": "1" },
    { RSC: "1", "Next-Router-Segment-Prefetch": "/_tree" },
    { RSC: "1" },
    { Purpose: "prefetch" },
    { "Sec-Purpose": "prefetch;prerender" },
  ]) {
    // Next first sends an RSC request without its `_rsc` cache key on to one with it (307).
    const ahead = await page.request.get(href, { headers });
    expect(ahead.status(), JSON.stringify(headers)).toBe(400);
    expect(ahead.headers()["content-disposition"]).toBeUndefined();
    expect((await ahead.body()).length).toBe(0);
  }

  // A click on the notice downloads the zip.
  const [download] = await Promise.all([page.waitForEvent("download"), notice.click()]);
  expect(download.suggestedFilename()).toMatch(/^tillit-export-\d{4}-\d{2}-\d{2}\.zip$/);
  expect(Object.keys(unzipSync(new Uint8Array(await readFile(await download.path()))))).toContain("data.json");
});

test("a session signed in two hours ago gets the offer of a fresh sign-in link, not the zip", async ({
  page,
  signInByEmail,
  app,
  sessionCache,
}) => {
  await signInByEmail(page, "kari@example.com");
  await page.goto("/account/export");
  await page.getByRole("button", { name: "Start export" }).click();
  const link = page.getByRole("link", { name: "Download (zip)" }).first();
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/^\/account\/export\/[0-9a-f-]{36}\/download$/);

  // Age the session while the server is down (PGlite has one process at a time).
  const token = (await page.context().cookies()).find((c) => c.name === "authjs.session-token")!.value;
  await app.stop();
  const db = await openAppDatabase({ databaseUrl: app.env.DATABASE_URL || undefined, dataDir: app.dataDir });
  try {
    await db.execute(sql`update sessions set created_at = now() - interval '2 hours' where session_token = ${token}`);
  } finally {
    await db.close();
    // Later tests must not reuse the aged session.
    sessionCache.delete("kari@example.com");
  }
  await app.start();

  const refused = await page.request.get(href, { maxRedirects: 0 });
  expect(refused.status()).toBe(303);
  // A path on the same origin the browser used (not the address the server listens on).
  expect(refused.headers()["location"]).toBe("/account/export?reauth=download");
  expect(refused.headers()["content-disposition"]).toBeUndefined();
  expect(refused.headers()["content-type"] ?? "").not.toContain("zip");

  await page.goto(href);
  await expect(page).toHaveURL(/\/account\/export\?reauth=download$/);
  await expect(page.getByText("For your safety, downloading your data needs a sign-in from the last 10 minutes.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Download (zip)" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign in again to download" }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Send me a sign-in link" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a fourth export in 24 hours is refused with a clear message", async ({ page, signInByEmail }) => {
  await signInByEmail(page, "ola@example.com");
  await page.goto("/account/export");
  const start = page.getByRole("button", { name: "Start export" });
  const started = page.getByRole("listitem").filter({ hasText: /^Started / });
  const before = await started.count();
  for (let i = before; i < 3; i++) {
    await start.click();
    await expect(started).toHaveCount(i + 1);
  }
  await start.click();
  await expect(page.getByText("You have started 3 exports in the last 24 hours.")).toBeVisible();
  await page.reload();
  await expect(started).toHaveCount(3);
  await expectNoAxeViolations(page);
});

test("without a recent sign-in, the page offers a fresh sign-in link instead", async ({
  page,
  signInByEmail,
  smtp,
}) => {
  // Ageing the session needs the database, which on PGlite only the server may open.
  test.skip(!process.env.DATABASE_URL, "needs PostgreSQL to age the session; Vitest covers the rule on both");
  await signInByEmail(page, "kari@example.com");
  const token = (await page.context().cookies()).find((c) => c.name === "authjs.session-token")!.value;
  const { default: postgres } = await import("postgres");
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  await sql`update sessions set created_at = now() - interval '11 minutes' where session_token = ${token}`;
  await sql.end();

  await page.goto("/account/export");
  await expect(page.getByRole("button", { name: "Start export" })).toHaveCount(0);
  await expect(page.getByText("For your safety, this needs a sign-in from the last 10 minutes.")).toBeVisible();
  const since = new Date();
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.getByText("Check your email: we sent you a sign-in link.")).toBeVisible();
  // The link brings her back here, signed in afresh.
  await openSignInLink(page, signInLinkFrom(await smtp.waitFor("kari@example.com", since)));
  await expect(page).toHaveURL(/\/account\/export$/);
  await expect(page.getByRole("button", { name: "Start export" })).toBeVisible();
});
