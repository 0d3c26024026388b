import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

test.use({ locale: "en-GB" });

const sections = [
  "Overview",
  "Your data",
  "Purposes and consent",
  "Communication preferences",
  "Your details",
  "Who has seen it",
  "Devices and sign-ins",
  "Requests, export and deletion",
];

const accountNav = (page: Page) => page.getByRole("navigation", { name: "Your account" });

/** No ancestor between the link and the page clips what is drawn outside it (the focus ring). */
async function clippingAncestors(link: Locator): Promise<string[]> {
  return link.evaluate((el) => {
    const clipping: string[] = [];
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX !== "visible" || style.overflowY !== "visible") clipping.push(node.tagName);
    }
    return clipping;
  });
}

async function expectNoSidewaysScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** Tabs from where focus is until it leaves the nav; returns the names of the links it passed. */
async function tabThroughNav(page: Page): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { inNav: Boolean(el?.closest('nav[aria-label="Your account"]')), tag: el?.tagName, text: el?.innerText };
    });
    if (!focused.inNav) break;
    if (focused.tag === "A") passed.push(focused.text!.trim());
  }
  return passed;
}

test.beforeEach(async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
});

test("at 1280 px every section is in view, reachable by Tab, and its focus ring is never clipped", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/account/purposes");
  const nav = accountNav(page);
  for (const name of sections) {
    const link = nav.getByRole("link", { name, exact: true });
    await expect(link).toBeInViewport({ ratio: 1 });
    expect(await clippingAncestors(link)).toEqual([]);
  }
  await expect(nav.getByRole("link", { name: "Purposes and consent" })).toHaveAttribute("aria-current", "page");
  await expectNoSidewaysScroll(page, 1280);

  await nav.getByRole("link", { name: "Overview" }).focus();
  await page.keyboard.press("Shift+Tab");
  expect(await tabThroughNav(page)).toEqual(sections);
});

test("at 375 px a menu opens on every section, in view and reachable by keyboard alone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/account/data");
  const nav = accountNav(page);
  const summary = nav.locator("summary");
  await expect(summary).toBeVisible();
  await expect(summary).toHaveText(/Menu: Your data/);
  // Closed, it keeps the page's own content near the top.
  await expect(nav.getByRole("link", { name: "Requests, export and deletion" })).toBeHidden();

  await summary.focus();
  await page.keyboard.press("Enter");
  for (const name of sections) {
    const link = nav.getByRole("link", { name, exact: true });
    await expect(link).toBeVisible();
    await link.scrollIntoViewIfNeeded();
    await expect(link).toBeInViewport({ ratio: 1 });
    expect(await clippingAncestors(link)).toEqual([]);
  }
  await expectNoSidewaysScroll(page, 375);
  await summary.focus();
  expect(await tabThroughNav(page)).toEqual(sections);

  // Following a link leaves the menu closed on the new page.
  await nav.getByRole("link", { name: "Requests, export and deletion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your requests" })).toBeVisible();
  await expect(summary).toHaveText(/Menu: Requests, export and deletion/);
  await expect(nav.getByRole("link", { name: "Overview" })).toBeHidden();
});

test("the phone menu works without JavaScript", async ({ page, browser }) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 375, height: 800 },
    locale: "en-GB",
    baseURL: new URL(page.url()).origin,
  });
  await context.addCookies(await page.context().cookies());
  const plain = await context.newPage();
  await plain.goto("/account");
  const nav = accountNav(plain);
  await nav.locator("summary").click();
  await nav.getByRole("link", { name: "Requests, export and deletion" }).click();
  await expect(plain.getByRole("heading", { level: 1, name: "Your requests" })).toBeVisible();
  await context.close();
});

for (const width of [1280, 375]) {
  test(`"Skip to content" lands past the account nav, on the page's own content (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/account/requests");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("#content")).toBeFocused();
    await expect(page.locator("#content").getByRole("heading", { level: 1, name: "Your requests" })).toBeVisible();
    // The next Tab goes into the page, not back through the nav.
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => {
      const el = document.activeElement!;
      return {
        inNav: Boolean(el.closest('nav[aria-label="Your account"]')),
        inContent: Boolean(el.closest("#content")),
      };
    });
    expect(next).toEqual({ inNav: false, inContent: true });
  });
}

test('"Skip to content" outside the account area lands on the main content', async ({ page }) => {
  await page.goto("/receipts/verify");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
});
