import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectSameNotFound } from "./support/not-found";
import { forgeFields } from "./support/forms";

test.use({ locale: "en-GB" });

/** Kari's newest export download link (starting one if she has none). */
async function karisDownload(page: Page, signInByEmail: (page: Page, email: string) => Promise<void>) {
  await signInByEmail(page, "kari@example.com");
  await page.goto("/account/export");
  const link = page.getByRole("link", { name: "Download (zip)" }).first();
  if ((await link.count()) === 0) {
    await page.getByRole("button", { name: "Start export" }).click();
    await expect(link).toBeVisible();
  }
  return (await link.getAttribute("href"))!;
}

test("signed out: the page sends to sign-in, the download is a 404, the action refuses", async ({
  page,
  signInByEmail,
}) => {
  const href = await karisDownload(page, signInByEmail);
  await page.context().clearCookies();
  // The form, loaded while signed in, posted after the session is gone.
  await page.getByRole("button", { name: "Start export" }).click();
  await expect(page.getByText("Your session has ended. Please sign in again.")).toBeVisible();
  const download = await page.request.get(href, { maxRedirects: 0 });
  expect(download.status()).toBe(404);
  expect(download.headers()["content-disposition"]).toBeUndefined();
  await page.goto("/account/export");
  await expect(page).toHaveURL(/\/signin$/);
});

test("staff get neither the page, nor the action, nor a customer's download", async ({
  page,
  signIn,
  signInByEmail,
  browser,
  baseURL,
}) => {
  const href = await karisDownload(page, signInByEmail);
  const staff = await browser.newContext({ baseURL });
  const agentPage = await staff.newPage();
  // Staff need no recent sign-in (Kari's export does): a session from earlier in the run will do.
  await signIn(agentPage, "agent@example.com");
  await expectSameNotFound(agentPage, "/account/export");
  const asAgent = await agentPage.request.get(href, { maxRedirects: 0 });
  expect(asAgent.status()).toBe(404);

  // Kari's form, posted with the agent's session.
  await page.context().clearCookies();
  await page.context().addCookies(await staff.cookies());
  await page.getByRole("button", { name: "Start export" }).click();
  await expect(page.getByText("You are not allowed to do that.")).toBeVisible();
  await staff.close();
});

test("another customer cannot download Kari's export or start one in her name", async ({ page, signInByEmail }) => {
  const href = await karisDownload(page, signInByEmail);
  await page.context().clearCookies();
  await signInByEmail(page, "ola@example.com");
  const asOla = await page.request.get(href, { maxRedirects: 0 });
  expect(asOla.status()).toBe(404);

  await page.goto("/account/export");
  const started = page.getByRole("listitem").filter({ hasText: /^Started / });
  const before = await started.count();
  // A forged customer id in the form is refused, and nothing is started.
  await forgeFields(page.locator("form:has(button:text('Start export'))"), {
    customerId: "00000000-0000-4000-8000-000000000000",
  });
  await page.getByRole("button", { name: "Start export" }).click();
  await expect(page.getByText("Please check what you entered.")).toBeVisible();
  await page.reload();
  await expect(started).toHaveCount(before);
});
