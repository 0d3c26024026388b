import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { hydrated } from "./support/forms";

test.use({ locale: "en-GB" });

// Kari's topics that may use SMS (lib/demo/demo-purposes.ts); every test puts back what it changes.
// The third SMS topic, sharing with the delivery partner, is one she has withdrawn: its box
// is never ticked, whatever her channel choice.
const smsCells = ["SMS for Order updates by SMS", "SMS for Asking how it went"];
const partnerSms = "SMS for Sharing with delivery partner";

async function openPreferences(page: Page) {
  await page.goto("/account/preferences");
  await expect(page.getByRole("heading", { level: 1, name: "Communication preferences" })).toBeVisible();
}

const cell = (page: Page, name: string) => page.getByRole("checkbox", { name, exact: true });
const status = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });

async function expectSmsCells(page: Page, checked: boolean) {
  for (const name of smsCells) {
    if (checked) await expect(cell(page, name)).toBeChecked();
    else await expect(cell(page, name)).not.toBeChecked();
  }
}

test.beforeEach(async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
});

test("'Nothing by SMS' switches SMS off for every topic in one click, and 'Allow SMS again' undoes it", async ({
  page,
}) => {
  await page.goto("/account");
  // Other specs may answer Kari's re-consent prompt (post), so only the SMS part is pinned.
  const summary = page.getByRole("region", { name: "How we contact you" });
  await expect(summary).toContainText("SMS: you get messages about 2 of 3 topics.");
  await page.getByRole("link", { name: "Choose how we contact you" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Communication preferences" })).toBeVisible();
  await expect(page.getByText("SMS: you get messages about 2 of 3 topics.")).toBeVisible();
  await expectSmsCells(page, true);
  await expect(cell(page, "SMS for Order updates by SMS")).toHaveAccessibleDescription("Now on");
  // A channel preference never stands in for a consent Kari has not given: not ticked, and says why.
  await expect(cell(page, partnerSms)).not.toBeChecked();
  await expect(cell(page, partnerSms)).toBeDisabled();
  await expect(cell(page, partnerSms)).toHaveAccessibleDescription(
    "Off: you have not agreed to Sharing with delivery partner. Agree to Sharing with delivery partner. If that changes, your own choice applies: SMS allowed.",
  );

  await page.getByRole("button", { name: "Nothing by SMS" }).click();
  await expect(status(page, "SMS: off for every topic now. 3 choices changed.")).toBeVisible();
  await expectSmsCells(page, false);
  await expect(page.getByText("SMS: you get nothing by SMS.")).toBeVisible();
  await page.reload();
  await expectSmsCells(page, false);
  await expect(cell(page, "SMS for Order updates by SMS")).toHaveAccessibleDescription("Now off");
  // Her own "no SMS" is kept for the topic she has not agreed to as well.
  await expect(cell(page, partnerSms)).toHaveAccessibleDescription(/your own choice applies: no SMS\.$/);
  // Email is untouched.
  await expect(cell(page, "Email for Newsletter")).toBeChecked();
  await page.goto("/account");
  await expect(summary).toContainText("Email: you get messages about 3 of 4 topics.");
  await expect(summary).toContainText("SMS: you get nothing by SMS.");

  await openPreferences(page);
  await page.getByRole("button", { name: "Allow SMS again" }).click();
  await expect(status(page, "SMS: allowed again for every topic. 3 choices changed.")).toBeVisible();
  await page.reload();
  await expectSmsCells(page, true);
  await expect(page.getByRole("button", { name: "Nothing by SMS" })).toBeVisible();
});

test("email off for the newsletter: saved, shown, and listed among Kari's changes; then put back", async ({ page }) => {
  await openPreferences(page);
  const newsletter = cell(page, "Email for Newsletter");
  await expect(newsletter).toBeChecked();
  await expect(newsletter).toHaveAccessibleDescription("Now on");
  await newsletter.uncheck();
  await page.getByRole("button", { name: "Save choices" }).click();
  await expect(status(page, "Saved: Email for Newsletter off.")).toBeVisible();
  await expect(newsletter).toHaveAccessibleDescription("Now off");
  await page.reload();
  await expect(newsletter).not.toBeChecked();
  await expect(newsletter).toHaveAccessibleDescription("Now off");

  await page.goto("/account/profile");
  await expect(page.getByRole("region", { name: "Your recent changes" }).getByRole("listitem").first()).toContainText(
    "Communication preferences changed",
  );

  await openPreferences(page);
  await newsletter.check();
  await page.getByRole("button", { name: "Save choices" }).click();
  await expect(status(page, "Saved: Email for Newsletter on.")).toBeVisible();
  await page.reload();
  await expect(newsletter).toBeChecked();
  await expect(newsletter).toHaveAccessibleDescription("Now on");
});

test.describe("forged posts are refused with a localised message and change nothing", () => {
  const forgeries: { name: string; forge: (form: HTMLFormElement) => void; message: string }[] = [
    {
      name: "an unknown channel",
      forge: (form) => {
        for (const input of form.querySelectorAll<HTMLInputElement>("input[value='email:newsletter']"))
          input.value = "fax:newsletter";
      },
      message: "We do not contact anyone by that channel, so nothing was changed.",
    },
    {
      name: "a contract purpose as topic",
      forge: (form) => {
        for (const input of form.querySelectorAll<HTMLInputElement>("input[value='email:newsletter']"))
          input.value = "email:order_processing";
      },
      message:
        "Order confirmations, receipts and other messages we must send cannot be switched off here, so nothing was changed.",
    },
    {
      name: "an extra customerId field",
      forge: (form) => {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = "customerId";
        input.value = "00000000-0000-4000-8000-000000000000";
        form.appendChild(input);
      },
      message: "Your choices could not be read, so nothing was changed. Reload the page and try again.",
    },
  ];

  for (const { name, forge, message } of forgeries) {
    test(name, async ({ page }) => {
      await openPreferences(page);
      const form = page.locator("form:has(button:text('Save choices'))");
      await hydrated(form);
      // A real change rides along, to show that it is not written either.
      await cell(page, "Email for Asking how it went").uncheck();
      await form.evaluate(forge);
      await page.getByRole("button", { name: "Save choices" }).click();
      const alert = page.getByRole("alert").filter({ hasText: message });
      await expect(alert).toBeVisible();
      await expect(page.getByRole("button", { name: "Save choices" })).toHaveAccessibleDescription(message);
      await page.reload();
      await expect(cell(page, "Email for Asking how it went")).toBeChecked();
      await expect(cell(page, "Email for Newsletter")).toBeChecked();
    });
  }

  test("a forged channel button", async ({ page }) => {
    await openPreferences(page);
    const form = page.locator("form:has(button:text('Nothing by SMS'))");
    await hydrated(form);
    await form.evaluate((element) => {
      element.querySelector<HTMLInputElement>("input[name=channel]")!.value = "fax";
    });
    await page.getByRole("button", { name: "Nothing by SMS" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "We do not contact anyone by that channel, so nothing was changed." }),
    ).toBeVisible();
    await page.reload();
    await expectSmsCells(page, true);
  });
});

test("'Nothing by SMS' with the keyboard alone, at 320 px", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await openPreferences(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  const button = page.getByRole("button", { name: "Nothing by SMS" });
  for (let i = 0; i < 60 && !(await button.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(status(page, "SMS: off for every topic now.")).toBeVisible();
  await expectSmsCells(page, false);
  // The same button now offers the way back, and keeps the focus.
  const again = page.getByRole("button", { name: "Allow SMS again" });
  await expect(again).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(status(page, "SMS: allowed again for every topic.")).toBeVisible();
  await expectSmsCells(page, true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("both the channel buttons and the grid still work", async ({ page }) => {
    await openPreferences(page);
    await page.getByRole("button", { name: "Nothing by SMS" }).click();
    await expect(status(page, "SMS: off for every topic now. 3 choices changed.")).toBeVisible();
    await expectSmsCells(page, false);
    await page.getByRole("button", { name: "Allow SMS again" }).click();
    await expect(status(page, "SMS: allowed again for every topic. 3 choices changed.")).toBeVisible();
    await expectSmsCells(page, true);

    await cell(page, "Email for Newsletter").uncheck();
    await page.getByRole("button", { name: "Save choices" }).click();
    await expect(status(page, "Saved: Email for Newsletter off.")).toBeVisible();
    await expect(cell(page, "Email for Newsletter")).not.toBeChecked();
    await cell(page, "Email for Newsletter").check();
    await page.getByRole("button", { name: "Save choices" }).click();
    await expect(status(page, "Saved: Email for Newsletter on.")).toBeVisible();
    await expect(cell(page, "Email for Newsletter")).toBeChecked();
  });
});

test("the preferences page is only for the signed-in customer", async ({ page }) => {
  await page.context().clearCookies();
  await page.goto("/account/preferences");
  await expect(page).toHaveURL(/\/signin$/);
});
