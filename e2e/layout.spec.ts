import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures";

test.use({ locale: "en-GB" });

// Heights before these pages showed summaries first (seeded Kari): /account/data 5,117 px on a
// desktop and 7,477 on a phone; /account/purposes 4,649 and 8,941. The budgets leave room for
// text to grow while keeping the details folded away.
const viewports = [
  { name: "desktop", width: 1280, height: 800, budget: { data: 3_600, purposes: 4_400 } },
  { name: "phone", width: 375, height: 800, budget: { data: 5_400, purposes: 7_200 } },
] as const;

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Where an element is on the page (not in the viewport, which scrolls). */
function box(locator: Locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
  });
}

test.describe("signed in", () => {
  test.beforeEach(async ({ page, signIn }) => {
    await signIn(page, "kari@example.com");
  });

  for (const viewport of viewports) {
    test(`withdrawing on the home page keeps the switch beside its label (${viewport.name})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto("/account");
      const consents = page.getByRole("region", { name: "Your consents" });
      const name = consents.getByRole("link", { name: "Newsletter", exact: true });
      // The name with its "If off" line: what the switch sits beside.
      const label = name.locator("xpath=..");
      const toggle = consents.getByRole("switch", { name: "Newsletter", exact: true });
      await expect(toggle).toHaveAttribute("aria-checked", "true");
      const apart = async () => {
        const [text, control] = [await box(label), await box(toggle)];
        return { dx: control.x - text.x, dy: control.y - text.y };
      };
      const before = await apart();

      await toggle.click();
      await expect(toggle).toHaveAttribute("aria-checked", "false");
      const question = consents.getByRole("group", { name: /Would you tell us why/ });
      await expect(question).toBeVisible();
      // The question comes below the row; the switch stays where it was beside its label.
      // (Relative to each other: content above the list may change with a consent.)
      expect(await apart()).toEqual(before);
      const [text, control, asked] = [await box(label), await box(toggle), await box(question)];
      expect(control.y).toBeLessThan(text.y + text.height);
      expect(control.y + control.height).toBeGreaterThan(text.y);
      expect(asked.y).toBeGreaterThanOrEqual(Math.max(text.y + text.height, control.y + control.height));
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);

      // Put back what the seed had.
      await consents.getByRole("button", { name: "Skip" }).click();
      await toggle.click();
      await expect(toggle).toHaveAttribute("aria-checked", "true");
    });

    test(`the data page shows a summary per category, details on demand (${viewport.name})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto("/account/data");
      const orders = page.getByRole("article", { name: "Orders", exact: true });
      await expect(orders.getByText("18 orders")).toBeVisible();
      await expect(orders.getByText(/will be deleted on January 1, 20\d\d\./)).toBeVisible();
      await expect(page.getByText("Bookkeeping (Required by law)")).toHaveCount(0);
      test.info().annotations.push({
        type: `/account/data height (${viewport.name})`,
        description: `${await pageHeight(page)} px`,
      });
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);

      // Where it comes from, what it is used for and who receives it: on the category's page.
      await orders.getByRole("link", { name: "See your orders" }).click();
      const about = page.getByRole("region", {
        name: "Where it comes from, what it is used for, who receives it and how long it is kept",
      });
      await expect(about.getByText("Bookkeeping (Required by law)")).toBeVisible();
      await expect(about.getByText(/Posten Bring AS \(Norway, processes on our behalf\)/)).toBeVisible();
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
    });

    test(`the purposes page shows each card's summary, its long texts on demand (${viewport.name})`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await page.goto("/account/purposes");
      const newsletter = page.getByRole("article", { name: "Newsletter" });
      await expect(newsletter.getByRole("switch", { name: "Newsletter", exact: true })).toBeVisible();
      await expect(newsletter.getByText("What you get:")).toBeVisible();
      await expect(newsletter.getByText(/^If you switch it off:/)).toBeVisible();
      await expect(newsletter.getByText("Legal basis", { exact: true })).toBeHidden();
      const height = await pageHeight(page);
      test
        .info()
        .annotations.push({ type: `/account/purposes height (${viewport.name})`, description: `${height} px` });
      expect(height).toBeLessThanOrEqual(viewport.budget.purposes);

      // The facts are on the purpose's own page, one link away.
      await newsletter.getByRole("link", { name: /^Details ?: Newsletter$/ }).click();
      await expect(page).toHaveURL(/\/account\/purposes\/newsletter$/);
      await expect(page.getByRole("heading", { level: 1, name: "Newsletter" })).toBeVisible();
      await expect(page.getByRole("switch", { name: "Newsletter", exact: true })).toBeVisible();
      await expect(page.getByText("Legal basis", { exact: true })).toBeVisible();
      await expect(page.getByText("Shared with", { exact: true })).toBeVisible();
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
    });
  }

  test("the orders fit a phone: each order stacked, no sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/account/data/orders");
    const table = page.getByRole("region", { name: /^Orders/ });
    await expect(table.getByRole("row")).toHaveCount(19);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // Every figure of the newest order is on screen, next to what it is.
    const newest = table.getByRole("row").nth(1);
    for (const cell of await newest.getByRole("cell").all()) {
      await expect(cell).toBeInViewport({ ratio: 1 });
    }
    await expect(newest.getByRole("cell").last()).toHaveCSS("display", "flex");
    // Each value is shown under its column's name (the header row is for screen readers only).
    expect(
      await newest
        .getByRole("cell")
        .last()
        .evaluate((el) => getComputedStyle(el, "::before").content),
    ).not.toBe("none");
    await expectNoAxeViolations(page);
  });

  test("the footer names the privacy notice, who is responsible and the data protection officer", async ({ page }) => {
    await page.goto("/account");
    const footer = page.getByRole("contentinfo");
    await expect(footer.getByRole("link", { name: "Privacy notice" })).toHaveAttribute("href", "/privacy");
    await expect(footer.getByRole("link", { name: "Transparency report" })).toHaveAttribute("href", "/transparency");
    await expect(footer.getByRole("link", { name: "For developers" })).toHaveAttribute("href", "/developers");
    await expect(footer).toContainText("Responsible for your data");
    await expect(footer).toContainText("Tillit Demo AS");
    await expect(footer.getByRole("link", { name: "personvern@tillit.example" })).toHaveAttribute(
      "href",
      "mailto:personvern@tillit.example",
    );
    await expect(footer).toContainText("Data protection officer");
    await expect(footer.getByRole("link", { name: "personvernombud@tillit.example" })).toHaveAttribute(
      "href",
      "mailto:personvernombud@tillit.example",
    );
  });
});

for (const [locale, browserLocale, heading, controller, toAccount] of [
  ["en", "en-GB", "Privacy notice", "Tillit Demo AS is responsible for your personal data", "Go to your page"],
  [
    "nb",
    "nb-NO",
    "Personvernerklæring",
    "Tillit Demo AS er ansvarlig for personopplysningene dine",
    "Gå til siden din",
  ],
] as const) {
  test.describe(locale, () => {
    test.use({ locale: browserLocale });
    test(`the privacy notice is public, short and names who answers (${locale})`, async ({ page }) => {
      await page.goto("/");
      await page.getByRole("contentinfo").getByRole("link", { name: heading }).click();
      await expect(page).toHaveURL(/\/privacy$/);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByText(controller)).toBeVisible();
      await expect(page.getByRole("main").getByRole("link", { name: "personvern@tillit.example" })).toBeVisible();
      await expect(page.getByRole("main").getByRole("link", { name: "personvernombud@tillit.example" })).toBeVisible();
      await expect(page.getByRole("main").getByText(/Datatilsynet/)).toBeVisible();
      await expect(page.getByRole("link", { name: toAccount })).toHaveAttribute("href", "/account");
      await expectNoAxeViolations(page);
    });
  });
}

test("the site has a favicon", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  await page.goto("/");
  const svg = page.locator('link[rel="icon"][type="image/svg+xml"]');
  await expect(svg).toHaveCount(1);
  const icon = await request.get((await svg.getAttribute("href"))!);
  expect(icon.status()).toBe(200);
  expect(await icon.text()).toContain("<svg");
});
