import { readFile } from "node:fs/promises";
import type { Download, Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures";

test.use({ locale: "en-GB" });

/** Kari's seeded grant of SMS order updates (she was shown the Norwegian text then), titled in English. */
const smsGrant = (page: Page) =>
  page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: /^Order updates by SMS\W+Granted$/ }) })
    .last();

async function receiptOf(download: Download): Promise<string> {
  expect(download.suggestedFilename()).toMatch(/^consent-receipt-\d+\.jws$/);
  return readFile(await download.path(), "utf8");
}

/** The JWS with one character in the middle of its payload changed. */
function tampered(jws: string): string {
  const [header, payload, signature] = jws.split(".") as [string, string, string];
  const at = Math.floor(payload.length / 2);
  const changed = payload.slice(0, at) + (payload[at] === "A" ? "B" : "A") + payload.slice(at + 1);
  return [header, changed, signature].join(".");
}

async function check(page: Page, receipt: string) {
  await page.getByLabel("Paste the receipt").fill(receipt);
  await page.getByRole("button", { name: "Check receipt" }).click();
}

async function focusByTab(page: Page, target: Locator) {
  for (let i = 0; i < 60 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("Kari finds her consent history, downloads a receipt and checks it", async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
  await page.goto("/account/purposes");
  await page.getByRole("link", { name: "See the history of your choices and download receipts" }).click();
  await expect(page).toHaveURL(/\/account\/purposes\/history$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your consent history" })).toBeVisible();

  const grant = smsGrant(page);
  await expect(grant).toBeVisible();
  await expect(grant.getByText("Website", { exact: true })).toBeVisible();
  await expect(grant.getByText("Switch", { exact: true })).toBeVisible();
  await grant.getByText("Text you saw (in Norwegian)").click();
  const shown = grant.getByText("Vi sender en SMS når bestillingen din er sendt");
  await expect(shown).toBeVisible();
  await expect(shown).toHaveAttribute("lang", "nb");
  const withdrawal = page.getByRole("heading", { name: /^Product analytics\W+Withdrawn$/ }).last();
  await expect(withdrawal).toBeVisible();
  // Granted and withdrawn differ in mark and word, not only in colour.
  await expect(grant.getByRole("heading").first()).toContainText("✓ Granted");
  await expect(withdrawal).toContainText("✕ Withdrawn");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    grant.getByRole("link", { name: /^Download receipt/ }).click(),
  ]);
  const jws = await receiptOf(download);

  await page.getByRole("link", { name: "Check a consent receipt" }).first().click();
  await expect(page).toHaveURL(/\/receipts\/verify$/);
  await check(page, jws);
  await expect(page.getByRole("heading", { name: /^Valid: signed by Tillit Demo AS on / })).toBeFocused();
  const receipt = page.locator("section", { has: page.getByRole("heading", { name: "What the receipt says" }) });
  const said = (label: string) => receipt.locator(`dt:text-is("${label}") + dd`);
  await expect(said("Purpose")).toHaveText("Order updates by SMS");
  // The name as shown then stays quoted in its own language, and says which.
  await expect(said("Name you saw (in Norwegian)")).toHaveText("Ordreoppdateringer på SMS");
  await expect(said("Name you saw (in Norwegian)").locator("[lang=nb]")).toHaveCount(1);
  await expect(said("Legal basis")).toHaveText("Your consent");
  await expect(said("What happened")).toHaveText("✓ Granted");
  // The standard's terms are there for whoever wants them, behind Technical details.
  await expect(page.getByText("GDPR Art. 6(1)(a)")).toBeHidden();
  await receipt.getByText("Technical details").click();
  await expect(page.getByText("GDPR Art. 6(1)(a)")).toBeVisible();
  await expectNoAxeViolations(page);

  await check(page, tampered(jws));
  await expect(page.getByRole("heading", { name: "Not valid" })).toBeVisible();
  await expect(page.getByText("The signature does not match")).toBeVisible();

  // The downloaded file itself, uploaded.
  await page.getByLabel("Paste the receipt").fill("");
  await page.getByLabel("Or choose the receipt file").setInputFiles(await download.path());
  await page.getByRole("button", { name: "Check receipt" }).click();
  await expect(page.getByRole("heading", { name: /^Valid: signed by Tillit Demo AS/ })).toBeVisible();

  // The key that signed it is public, and so is the page.
  const kid = JSON.parse(Buffer.from(jws.split(".")[0]!, "base64url").toString()).kid as string;
  await page.context().clearCookies();
  const jwks = await page.request.get("/.well-known/jwks.json");
  expect(jwks.status()).toBe(200);
  expect(jwks.headers()["cache-control"]).toBe("public, max-age=300");
  expect(((await jwks.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid)).toContain(kid);
  await page.goto("/receipts/verify");
  await check(page, jws);
  await expect(page.getByRole("heading", { name: /^Valid: signed by Tillit Demo AS/ })).toBeVisible();
});

test("the history filters by purpose and says when a link was not valid", async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
  await page.goto("/account/purposes/history");
  await page.getByLabel("Purpose").selectOption({ label: "Product analytics" });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/purpose=product_analytics/);
  const headings = page.getByRole("list", { name: "Consent events, newest first" }).getByRole("heading");
  await expect(headings.first()).toBeVisible();
  for (const name of await headings.allTextContents()) expect(name).toMatch(/^Product analytics/);

  await page.goto("/account/purposes/history?purpose=sell_to_brokers&before=not-a-cursor");
  await expect(
    page.getByText("We do not know that purpose, so events for all purposes are shown.").first(),
  ).toBeVisible();
  await expect(page.getByText("The page link was not valid, so the newest events are shown.")).toBeVisible();
  await expect(smsGrant(page)).toBeVisible();
});

test("nobody but Kari gets Kari's receipt", async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
  await page.goto("/account/purposes/history");
  const href = await smsGrant(page)
    .getByRole("link", { name: /^Download receipt/ })
    .getAttribute("href");
  expect(href).toMatch(/^\/account\/purposes\/history\/\d+\/receipt$/);
  const own = await page.request.get(href!);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("application/jose");
  // A receipt names the customer: never cached on the way.
  expect(own.headers()["cache-control"]).toContain("no-store");

  await page.context().clearCookies();
  const anonymous = await page.request.get(href!, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(307);
  expect(anonymous.headers()["location"]).toMatch(/\/signin$/);

  await signIn(page, "ola@example.com");
  const asOla = await page.request.get(href!, { maxRedirects: 0 });
  expect(asOla.status()).toBe(404);
  const unknown = await page.request.get("/account/purposes/history/99999999/receipt", { maxRedirects: 0 });
  const malformed = await page.request.get("/account/purposes/history/x1/receipt", { maxRedirects: 0 });
  for (const other of [unknown, malformed]) {
    expect(other.status()).toBe(404);
    expect(await other.text()).toBe(await asOla.text());
  }
  expect(asOla.headers()["content-disposition"]).toBeUndefined();
});

test("a receipt is signed only when Kari asks for it: prefetches and RSC requests are refused", async ({
  page,
  signIn,
}) => {
  await signIn(page, "kari@example.com");
  const receipts: string[] = [];
  page.on("request", (request) => {
    if (/\/receipt$/.test(new URL(request.url()).pathname)) receipts.push(request.url());
  });
  await page.goto("/account/purposes/history");
  const link = smsGrant(page).getByRole("link", { name: /^Download receipt/ });
  await link.hover();
  await page.waitForLoadState("networkidle");
  expect(receipts).toEqual([]);
  const href = (await link.getAttribute("href"))!;
  for (const headers of <Record<string, string>[]>[
    { RSC: "1", "Next-Router-Prefetch": "1" },
    { RSC: "1" },
    { "Sec-Purpose": "prefetch" },
  ]) {
    // Next first sends an RSC request without its `_rsc` cache key on to one with it (307).
    const ahead = await page.request.get(href, { headers });
    expect(ahead.status(), JSON.stringify(headers)).toBe(400);
    expect(ahead.headers()["content-disposition"]).toBeUndefined();
  }
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect((await receiptOf(download)).split(".")).toHaveLength(3);
});

test("from the purposes page to a receipt download with the keyboard alone, at 320 px", async ({ page, signIn }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await signIn(page, "kari@example.com");
  await page.goto("/account/purposes");
  const history = page.getByRole("link", { name: "See the history of your choices and download receipts" });
  await focusByTab(page, history);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/account\/purposes\/history$/);
  const firstDownload = page.getByRole("link", { name: /^Download receipt/ }).first();
  await focusByTab(page, firstDownload);
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect((await receiptOf(download)).split(".")).toHaveLength(3);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
