import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures";
import { forgeFields } from "./support/forms";

test.use({ locale: "en-GB" });

/** Presses Tab until `target` has the focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 120) {
  for (let i = 0; i < limit && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

const card = (page: Page, name: string) => page.getByRole("article", { name, exact: true });

test("Kari sees what is held about her, category by category, from her real data", async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
  await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Your data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your data" })).toBeVisible();

  // Each category shows its summary; where it comes from, its uses and recipients are on its own page.
  const about = (page: Page) =>
    page.getByRole("region", {
      name: "Where it comes from, what it is used for, who receives it and how long it is kept",
    });
  const orders = card(page, "Orders");
  await expect(orders.getByText("18 orders")).toBeVisible();
  await expect(orders.getByText(/will be deleted on January 1, 20\d\d\./)).toBeVisible();
  const interactions = card(page, "Visits and interactions");
  await expect(interactions.getByText("160 interactions")).toBeVisible();
  await expect(card(page, "What we infer about you").getByText("3 inferences")).toBeVisible();
  await expect(page.getByRole("article", { name: "Active runner" })).toBeVisible();
  await expect(
    page.getByRole("article", { name: "Active runner" }).getByText("7 purchases of running shoes"),
  ).toBeVisible();

  await interactions.getByRole("link", { name: "See your visits and interactions" }).click();
  await expect(about(page).getByText("We recorded it when you used our services")).toBeVisible();
  // Kari withdrew product analytics: listed, but not used for her.
  await expect(about(page).getByText("Product analytics (Your consent: off, so not used for you)")).toBeVisible();
  await page.goBack();

  await card(page, "Name and identity").getByRole("link", { name: "See your name and identity details" }).click();
  await expect(about(page).getByText("You gave it to us")).toBeVisible();
  await page.goBack();

  await orders.getByRole("link", { name: "See your orders" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await expect(about(page).getByText("Processing your orders (Needed for our agreement)")).toBeVisible();
  await expect(about(page).getByText("Bookkeeping (Required by law)")).toBeVisible();
  await expect(about(page).getByText(/Posten Bring AS \(Norway, processes on our behalf\)/)).toBeVisible();
  const table = page.getByRole("region", { name: /^Orders/ });
  await expect(table.getByRole("row")).toHaveCount(19);
  await expect(table.getByRole("cell", { name: /^TL-\d+$/ }).first()).toBeVisible();
});

test("Kari filters her interactions by channel and dates and pages through them", async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
  await page.goto("/account/data/interactions");
  await expect(page.getByText("160 interactions match")).toBeVisible();

  await page.getByLabel("Channel").selectOption({ label: "App" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/channel=app/);
  const table = page.getByRole("region", { name: /^Visits and interactions/ });
  const channelCells = table.locator("tbody tr td:nth-child(2)");
  await expect(channelCells).toHaveCount(20);
  expect(new Set(await channelCells.allTextContents())).toEqual(new Set(["App"]));
  // The demo's interactions were recorded by the company's own systems, for no API client.
  expect(new Set(await table.locator("tbody tr td:nth-child(4)").allTextContents())).toEqual(
    new Set(["Our own systems"]),
  );
  const firstPage = await table.locator("tbody tr").allTextContents();

  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/channel=app.*before=|before=.*channel=app/);
  await expect(channelCells.first()).toBeVisible();
  expect(new Set(await channelCells.allTextContents())).toEqual(new Set(["App"]));
  const secondPage = await table.locator("tbody tr").allTextContents();
  expect(secondPage.filter((row) => firstPage.includes(row))).toEqual([]);

  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Newer" }).click();
  await expect(table.locator("tbody tr")).toHaveText(firstPage);

  // A date range after all of her events leaves nothing; the filters stay in the form.
  await page.getByLabel("From date").fill("2099-01-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText("No interactions match")).toBeVisible();
  await expect(page.getByLabel("Channel")).toHaveValue("app");

  // Bad parameters are explained, not a crash.
  await page.goto("/account/data/interactions?channel=fax&from=2026-02-30&before=forged");
  await expect(page.getByText("That channel is not one we know, so all channels are shown.")).toBeVisible();
  await expect(page.getByText("The from date was not a valid date and was ignored.")).toBeVisible();
  await expect(page.getByText("That page link was not valid, so you see the newest records.")).toBeVisible();
  await expect(page.getByLabel("From date")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("160 interactions match")).toBeVisible();
});

test("Kari removes a wrong inference, and it stays removed", async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
  await page.goto("/account/data");
  // Other specs may rely on "Active runner" and "Outdoor life": this one removes only "Family with children".
  const family = page.getByRole("article", { name: "Family with children" });
  await expect(family).toBeVisible();
  await family.getByRole("button", { name: "This is wrong: Family with children" }).click();

  await expect(page.getByText("“Family with children” is removed. We no longer use it.")).toBeFocused();
  await expect(family).toHaveCount(0);
  const removed = page.getByRole("group", { name: "Removed at your request" });
  await expect(removed.getByText(/^Family with children, removed /)).toBeVisible();
  await expect(page.getByRole("article", { name: "Active runner" })).toBeVisible();
  await expect(page.getByRole("article", { name: "Outdoor life" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("article", { name: "Family with children" })).toHaveCount(0);
  await expect(card(page, "What we infer about you").getByText("2 inferences")).toBeVisible();
  await expect(page.getByRole("group", { name: "Removed at your request" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("Ola sees only his own data", async ({ page, signIn }) => {
  await signIn(page, "ola@example.com");
  await page.goto("/account/data");
  await expect(card(page, "Orders").getByText("1 order", { exact: true })).toBeVisible();
  await expect(card(page, "Visits and interactions").getByText("2 interactions", { exact: true })).toBeVisible();
  await expect(card(page, "What we infer about you").getByText("Nothing inferred")).toBeVisible();
  await expect(page.getByText("We infer nothing about you at the moment.")).toBeVisible();
  await page.goto("/account/data/orders");
  await expect(page.getByRole("cell", { name: "TL-250001" })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Orders/ }).getByRole("row")).toHaveCount(2);
});

test("the data pages work by keyboard alone, at 320 px", async ({ page, signIn }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await signIn(page, "kari@example.com");
  await page.goto("/account/data");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  await tabTo(page, page.getByRole("link", { name: "See your visits and interactions" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Visits and interactions" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  const channel = page.getByLabel("Channel");
  await tabTo(page, channel);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(channel).toHaveValue("app");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("From date")).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Show" }), 10);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/channel=app/);

  // The table scrolls inside its own named, focusable region.
  const table = page.getByRole("region", { name: /^Visits and interactions/ });
  await tabTo(page, table, 30);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  for (const category of [
    "identity",
    "contact",
    "addresses",
    "orders",
    "loyalty",
    "devices",
    "tickets",
    "messages",
    "inferences",
  ]) {
    await page.goto(`/account/data/${category}`);
    await expect(page.getByRole("link", { name: "Back to all your data" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), category).toBeLessThanOrEqual(320);
  }
});

test("a visitor without a session is sent to sign in from every data page", async ({ page }) => {
  for (const path of ["/account/data", "/account/data/interactions", "/account/data/inferences"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin$/);
  }
});

test.describe("a forged removal is refused and changes nothing", () => {
  const cases: { name: string; fields: Record<string, string>; message: string }[] = [
    {
      name: "an inference id that is not Kari's",
      fields: { inferenceId: "00000000-0000-4000-8000-000000000000" },
      message: "We could not find this inference among yours. Nothing was changed.",
    },
    {
      name: "a customer id in the form",
      fields: { customerId: "00000000-0000-4000-8000-000000000000" },
      message: "Please check what you entered.",
    },
  ];
  for (const { name, fields, message } of cases) {
    test(name, async ({ page, signIn }) => {
      await signIn(page, "kari@example.com");
      await page.goto("/account/data");
      const runner = page.getByRole("article", { name: "Active runner" });
      await forgeFields(runner.locator("form"), fields);
      await runner.getByRole("button", { name: "This is wrong: Active runner" }).click();
      await expect(runner.getByRole("alert")).toHaveText(message);
      await page.reload();
      await expect(page.getByRole("article", { name: "Active runner" })).toBeVisible();
      await expect(page.getByRole("article", { name: "Outdoor life" })).toBeVisible();
    });
  }
});
