import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { forgeFields, hydrated } from "./support/forms";
import { expectSameNotFound } from "./support/not-found";

test.use({ locale: "en-GB" });

/** The id of one of Kari's seeded requests, read from her own list. */
async function karisRequestPath(page: Page, signIn: (page: Page, email: string) => Promise<void>) {
  await signIn(page, "kari@example.com");
  await page.goto("/account/requests");
  const href = await page
    .getByRole("link", { name: /^Details: Correction/ })
    .first()
    .getAttribute("href");
  expect(href).toMatch(/^\/account\/requests\/[0-9a-f-]{36}$/);
  await page.context().clearCookies();
  return href!;
}

test("Ola gets the same not-found for Kari's request as for one that does not exist", async ({ page, signIn }) => {
  const path = await karisRequestPath(page, signIn);
  await signIn(page, "ola@example.com");
  for (const target of [
    path,
    "/account/requests/00000000-0000-4000-8000-000000000000",
    "/account/requests/1%27or%201=1",
  ]) {
    const response = await page.goto(target);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Vi sjekker ordren")).toHaveCount(0);
  }
  // Ola's own list holds none of Kari's requests (other specs may have left Ola a cancelled one of his own).
  await page.goto("/account/requests");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Details: Correction/ })).toHaveCount(0);
  await expect(page.getByText("Vi sjekker ordren")).toHaveCount(0);
});

test("signed-out visitors are sent to sign-in; staff do not get the pages", async ({ page, signIn }) => {
  const path = await karisRequestPath(page, signIn);
  for (const target of ["/account/requests", path, "/account/requests/restrict"]) {
    await page.goto(target);
    await expect(page).toHaveURL(/\/signin$/);
  }
  await signIn(page, "agent@example.com");
  for (const target of ["/account/requests", path]) await expectSameNotFound(page, target);
});

test("a forged customer id in a request form is refused and nothing is filed", async ({ page, signIn }) => {
  await signIn(page, "ola@example.com");
  await page.goto("/account/requests/correct");
  const form = page.locator("form:has(#description)");
  await hydrated(form);
  await forgeFields(form, { customerId: "00000000-0000-4000-8000-000000000000" });
  await page.getByLabel("What is wrong, and what should it be?").fill("Please change Kari's data");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This form could not be read." })).toBeVisible();
  // Ola's own list holds none of Kari's requests (other specs may have left Ola a cancelled one of his own).
  await page.goto("/account/requests");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Details: Correction/ })).toHaveCount(0);
  await expect(page.getByText("Vi sjekker ordren")).toHaveCount(0);
});
