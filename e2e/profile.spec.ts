import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures";
import { forgeFields, hydrated } from "./support/forms";
import { expectSameNotFound } from "./support/not-found";

test.use({ locale: "en-GB" });

// Kari's seeded details (lib/demo/seed.ts); every test that changes them puts them back.
const kari = {
  email: "kari@example.com",
  phone: "+47 912 34 567",
  home: "Storgata 12B",
  work: "Dronning Eufemias gate 16",
};
const ola = { email: "ola@example.com", home: "Kongens gate 5" };

const latestChange = (page: Page) =>
  page.getByRole("region", { name: "Your recent changes" }).getByRole("listitem").first();
const addressCard = (page: Page, line1: string) => page.getByRole("article").filter({ hasText: line1 });

async function openProfile(page: Page) {
  await page.goto("/account/profile");
  await expect(page.getByRole("heading", { level: 1, name: "Your details" })).toBeVisible();
}

test.beforeEach(async ({ page, signIn }) => {
  await signIn(page, kari.email);
});

async function savePhone(page: Page, phone: string) {
  await page.getByLabel("Phone number").fill(phone);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your details are saved." })).toBeVisible();
}

/** Sets a hidden field of every form in `scope`, as a forged POST would. */
async function forgeHiddenId(scope: Locator, id: string) {
  await hydrated(scope.locator("form").first());
  await scope.evaluate((element, value) => {
    for (const input of element.querySelectorAll<HTMLInputElement>("input[type=hidden][name=id]")) input.value = value;
  }, id);
}

test("Kari corrects her phone number, sees it and the change in her activity, then puts it back", async ({ page }) => {
  await openProfile(page);
  await expect(page.getByText(kari.email, { exact: true })).toBeVisible();
  await expect(page.getByText("This is the address you sign in with.")).toBeVisible();
  await expect(page.getByLabel("Phone number")).toHaveValue(kari.phone);

  await savePhone(page, "400 00 001");
  await page.reload();
  await expect(page.getByLabel("Phone number")).toHaveValue("+47 400 00 001");
  await expect(latestChange(page)).toContainText("Phone number changed");

  await savePhone(page, kari.phone);
  await page.reload();
  await expect(page.getByLabel("Phone number")).toHaveValue(kari.phone);
  await expect(latestChange(page)).toContainText("Phone number changed");
});

test("an invalid postcode gets a field error and changes nothing", async ({ page }) => {
  await openProfile(page);
  const card = addressCard(page, kari.home);
  await card.locator("summary").click();
  const postcode = card.getByLabel("Postcode");
  await postcode.fill("12");
  await card.getByRole("button", { name: "Save address" }).click();
  const error = card.getByText("A Norwegian postcode has 4 digits, like 0184.");
  await expect(error).toBeVisible();
  await expect(postcode).toHaveAttribute("aria-invalid", "true");
  await expect(postcode).toHaveAttribute("aria-describedby", new RegExp(`\\b${await error.getAttribute("id")}\\b`));
  await expect(postcode).toBeFocused();
  await expect(postcode).toHaveValue("12");
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(addressCard(page, kari.home)).toContainText("0184 Oslo");
});

test("Kari adds an address and removes it again", async ({ page }) => {
  await openProfile(page);
  await page.getByText("Add an address").click();
  const form = page.locator("form:has(#new-address-line1)");
  await form.getByLabel("Type of address").selectOption({ label: "Other" });
  await form.getByLabel("Address", { exact: true }).fill("Bryggen 99");
  await form.getByLabel("Postcode").fill("5003");
  await form.getByLabel("City").fill("Bergen");
  await form.getByRole("button", { name: "Add address" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The address is added." })).toBeVisible();
  await expect(addressCard(page, "Bryggen 99")).toContainText("5003 Bergen");
  await expect(latestChange(page)).toContainText("Address added");

  await page.getByRole("button", { name: "Remove address Bryggen 99" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The address is removed." })).toBeVisible();
  await expect(addressCard(page, "Bryggen 99")).toHaveCount(0);
  await expect(latestChange(page)).toContainText("Address removed");
  await expect(addressCard(page, kari.home)).toContainText("Primary address");
});

test.describe("forged address ids", () => {
  test("a made-up id gets 'not found' and changes nothing", async ({ page }) => {
    await openProfile(page);
    const card = addressCard(page, kari.home);
    await card.locator("summary").click();
    await forgeHiddenId(card, crypto.randomUUID());
    await card.getByLabel("Address", { exact: true }).fill("Forged 1");
    await card.getByRole("button", { name: "Save address" }).click();
    await expect(card.getByText("We could not find that.")).toBeVisible();
    await page.reload();
    await expect(addressCard(page, kari.home)).toBeVisible();
    await expect(page.getByText("Forged 1")).toHaveCount(0);
  });

  test("Ola's address id, posted by Kari, gets 'not found' and Ola's address stays", async ({ page, signIn }) => {
    // Ola's id as Ola's own page shows it: no database reading needed.
    await page.context().clearCookies();
    await signIn(page, ola.email);
    await page.goto("/account/profile");
    const olasId = await addressCard(page, ola.home).locator("input[type=hidden][name=id]").first().inputValue();
    expect(olasId).toMatch(/^[0-9a-f-]{36}$/);

    await page.context().clearCookies();
    await signIn(page, kari.email);
    await page.goto("/account/profile");
    await expect(page.getByText(ola.home)).toHaveCount(0);
    const sectionAlert = page.getByRole("region", { name: "Addresses" }).getByRole("alert");
    // Remove, make primary and correct, each with Ola's id in place of Kari's own.
    await forgeHiddenId(addressCard(page, kari.home), olasId);
    await page.getByRole("button", { name: `Remove address ${kari.home}` }).click();
    await expect(sectionAlert).toHaveText("We could not find that.");

    await page.reload();
    await forgeHiddenId(addressCard(page, kari.work), olasId);
    await page.getByRole("button", { name: `Make primary: ${kari.work}` }).click();
    await expect(sectionAlert).toHaveText("We could not find that.");

    await page.reload();
    const card = addressCard(page, kari.home);
    await card.locator("summary").click();
    await card.getByLabel("Address", { exact: true }).fill("Hijacked 1");
    await forgeHiddenId(card, olasId);
    await card.getByRole("button", { name: "Save address" }).click();
    await expect(card.locator("form:has([name=line1])").getByRole("alert")).toHaveText(/We could not find that\./);
    await expect(card.getByLabel("Address", { exact: true })).toHaveValue("Hijacked 1");

    await page.reload();
    await expect(addressCard(page, kari.home)).toContainText("Primary address");
    await expect(addressCard(page, kari.work)).toBeVisible();

    await page.context().clearCookies();
    await signIn(page, ola.email);
    await page.goto("/account/profile");
    await expect(addressCard(page, ola.home)).toContainText("7011 Trondheim");
    await expect(addressCard(page, ola.home)).toContainText("Primary address");
    await expect(page.getByText("Hijacked 1")).toHaveCount(0);
  });

  test("a forged customer id is refused", async ({ page }) => {
    await openProfile(page);
    await hydrated(page.locator("section:has(#givenName)").locator("form").first());
    await forgeFields(page.locator("form:has(#givenName)"), { customerId: "00000000-0000-4000-8000-000000000000" });
    await page.getByLabel("Given name").fill("Mallory");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByText("Please check what you entered.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Given name")).toHaveValue("Kari");
  });
});

test("a name is corrected with the keyboard alone, at 320 px", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await openProfile(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  const familyName = page.getByLabel("Family name");
  const save = page.getByRole("button", { name: "Save details" });

  async function tabTo(target: Locator) {
    for (let i = 0; i < 60 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(target).toBeFocused();
  }

  await tabTo(familyName);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Nordmann-Ås");
  await tabTo(save);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Your details are saved." })).toBeVisible();
  await page.reload();
  await expect(familyName).toHaveValue("Nordmann-Ås");
  await expect(latestChange(page)).toContainText("Family name changed");

  // Back as seeded, with Space on the button this time.
  await tabTo(familyName);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Nordmann");
  await tabTo(save);
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "Your details are saved." })).toBeVisible();
  await page.reload();
  await expect(familyName).toHaveValue("Nordmann");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test("the profile page is only for the signed-in customer", async ({ page, signIn }) => {
  await page.context().clearCookies();
  await page.goto("/account/profile");
  await expect(page).toHaveURL(/\/signin$/);
  await signIn(page, "agent@example.com");
  await expectSameNotFound(page, "/account/profile");
});

test.describe("in Norwegian", () => {
  test.use({ locale: "nb-NO" });
  test("axe finds nothing with every form open and a field error shown", async ({ page }) => {
    await page.goto("/account/profile");
    // The page's own disclosures (the account nav's phone menu is hidden at this width).
    for (const summary of await page.locator("#content summary").all()) await summary.click();
    await page.getByLabel("Fornavn").fill("<b>Kari</b>");
    await page.getByRole("button", { name: "Lagre opplysningene" }).click();
    await expect(page.getByText("Fjern tegnene < og > og eventuelle kontrolltegn.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.reload();
    await expect(page.getByLabel("Fornavn")).toHaveValue("Kari");
  });
});
