import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectSameNotFound } from "./support/not-found";

test.use({ locale: "en-GB" });

// Runs on the shared server: every erasure scheduled here is cancelled again before the
// test ends (the grace period is 14 days, so nothing is ever deleted).

const cancelButton = (page: Page) => page.getByRole("button", { name: "Cancel deletion" });

async function scheduleErasure(page: Page): Promise<string> {
  await page.goto("/account/delete");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(cancelButton(page)).toBeVisible();
  return page.locator("input[name=requestId]").inputValue();
}

async function cancelOwn(page: Page) {
  await page.goto("/account/delete");
  if ((await cancelButton(page).count()) === 0) return;
  await cancelButton(page).click();
  await expect(page.getByText("The deletion is cancelled.")).toBeVisible();
}

async function swapCookies(context: BrowserContext, cookies: Awaited<ReturnType<BrowserContext["cookies"]>>) {
  await context.clearCookies();
  if (cookies.length > 0) await context.addCookies(cookies);
}

test("the deletion page sends a visitor without a session to sign-in, and staff away", async ({ page, signIn }) => {
  await page.goto("/account/delete");
  await expect(page).toHaveURL(/\/signin$/);
  await signIn(page, "agent@example.com");
  await expectSameNotFound(page, "/account/delete");
});

test("a forged cancel of another customer's erasure is refused and changes nothing", async ({
  browser,
  signInByEmail,
  signIn,
}) => {
  test.setTimeout(120_000);
  const olaContext = await browser.newContext({ locale: "en-GB" });
  const ola = await olaContext.newPage();
  const kariContext = await browser.newContext({ locale: "en-GB" });
  const kari = await kariContext.newPage();
  const agentContext = await browser.newContext({ locale: "en-GB" });
  const agent = await agentContext.newPage();
  try {
    await signInByEmail(ola, "ola@example.com");
    const olaRequest = await scheduleErasure(ola);
    await signInByEmail(kari, "kari@example.com");
    const kariRequest = await scheduleErasure(kari);
    expect(kariRequest).not.toBe(olaRequest);
    const kariCookies = await kariContext.cookies();

    // Kari's own cancel form, pointed at Ola's request: the same "not found" as any unknown id.
    for (const forged of [olaRequest, "00000000-0000-4000-8000-000000000000"]) {
      await kari.goto("/account/delete");
      await kari.locator("input[name=requestId]").evaluate((input: HTMLInputElement, id) => (input.value = id), forged);
      await cancelButton(kari).click();
      await expect(kari.getByText("We could not find that.")).toBeVisible();
    }

    // The same form posted with an agent's session, and with none.
    await signIn(agent, "agent@example.com");
    const agentCookies = await agentContext.cookies();
    await kari.goto("/account/delete");
    await swapCookies(kariContext, agentCookies);
    await cancelButton(kari).click();
    await expect(kari.getByText("You are not allowed to do that.")).toBeVisible();
    await swapCookies(kariContext, kariCookies);
    await kari.goto("/account/delete");
    await swapCookies(kariContext, []);
    await cancelButton(kari).click();
    await expect(kari.getByText("Your session has ended. Please sign in again.")).toBeVisible();
    await swapCookies(kariContext, kariCookies);

    // Nothing changed: both deletions are still scheduled.
    await ola.goto("/account");
    await expect(cancelButton(ola)).toBeVisible();
    await expect(ola.locator("input[name=requestId]")).toHaveValue(olaRequest);
    await kari.goto("/account");
    await expect(kari.locator("input[name=requestId]")).toHaveValue(kariRequest);
  } finally {
    await cancelOwn(ola).catch(() => {});
    await cancelOwn(kari).catch(() => {});
    await olaContext.close();
    await kariContext.close();
    await agentContext.close();
  }
});
