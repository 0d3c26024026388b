import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { forgeFields } from "./support/forms";
import { expectSameNotFound } from "./support/not-found";

test.use({ locale: "en-GB" });

const switchFor = (page: Page, name: string) => page.getByRole("switch", { name, exact: true });

/** Changes the hidden fields of the Newsletter switch's form, as a forged POST would. */
async function forgeNewsletterForm(page: Page, fields: Record<string, string>) {
  await forgeFields(page.locator("form:has(input[name=purposeKey][value=newsletter])"), fields);
}

test("account pages send a visitor without a session to sign-in", async ({ page }) => {
  for (const path of ["/account", "/account/purposes", "/account/purposes/newsletter"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin$/);
  }
});

test("staff get the same 404 as an unknown page everywhere in the customer area", async ({ page, signIn }) => {
  for (const email of ["agent@example.com", "product@example.com"]) {
    await page.context().clearCookies();
    await signIn(page, email);
    for (const path of [
      "/account",
      "/account/purposes",
      "/account/purposes/newsletter",
      "/account/data/orders",
      "/account/requests",
    ]) {
      await expectSameNotFound(page, path);
    }
  }
});

test("a purpose page exists only for a purpose the customer is shown", async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
  // A retired or unpublished key, one that never existed, and one no purpose could have.
  for (const path of ["/account/purposes/draft_only", "/account/purposes/no_such_purpose", "/account/purposes/A-B"]) {
    await expectSameNotFound(page, path);
  }
});

test.describe("forged consent changes are refused and change nothing", () => {
  test.beforeEach(async ({ page, signIn }) => {
    await signIn(page, "kari@example.com");
    await page.goto("/account/purposes");
    await expect(switchFor(page, "Newsletter")).toHaveAttribute("aria-checked", "true");
  });

  const cases: { name: string; fields: Record<string, string>; message: string }[] = [
    {
      name: "another customer's id",
      fields: { customerId: "00000000-0000-4000-8000-000000000000" },
      message: "Please check what you entered.",
    },
    { name: "a non-boolean", fields: { granted: "maybe" }, message: "Please check what you entered." },
    {
      name: "an unknown purpose key",
      fields: { purposeKey: "sell_to_data_broker" },
      message: "This purpose does not exist or is no longer in use.",
    },
    {
      name: "a non-switchable purpose",
      fields: { purposeKey: "order_processing" },
      message: "This purpose cannot be switched off",
    },
    {
      name: "an old purpose version",
      fields: { purposeVersion: "7" },
      message: "This purpose has been updated since the page was loaded.",
    },
  ];
  for (const { name, fields, message } of cases) {
    test(name, async ({ page }) => {
      await forgeNewsletterForm(page, fields);
      await switchFor(page, "Newsletter").click();
      await expect(page.getByText(message)).toBeVisible();
      await page.reload();
      await expect(switchFor(page, "Newsletter")).toHaveAttribute("aria-checked", "true");
    });
  }

  test("an ended session", async ({ page }) => {
    await page.context().clearCookies();
    await switchFor(page, "Newsletter").click();
    await expect(page.getByText("Your session has ended. Please sign in again.")).toBeVisible();
  });
});
