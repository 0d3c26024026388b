import { expect, expectNoAxeViolations, test } from "./fixtures";
import { openSignInLink, signInLinkFrom } from "./support/smtp";

test.use({ locale: "en-GB" });

async function requestLink(page: import("@playwright/test").Page, email: string) {
  await page.goto("/signin");
  await page.locator("#email").fill(email);
  await page.locator("form:has(#email) button[type=submit]").click();
}

test("an unknown address gets exactly the same answer as a customer, and no mail", async ({ page, smtp }) => {
  const since = new Date();
  await requestLink(page, "nobody-here@example.com");
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  const unknownPage = await page.getByRole("main").innerText();

  await requestLink(page, "agent@example.com");
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  expect(await page.getByRole("main").innerText()).toBe(unknownPage);

  await smtp.waitFor("agent@example.com", since);
  expect(smtp.inbox.filter((m) => m.to.includes("nobody-here@example.com"))).toHaveLength(0);
});

test("an invalid address gets a field error linked to the input", async ({ page }) => {
  await requestLink(page, "not-an-email");
  const input = page.locator("#email");
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAttribute("aria-describedby", "email-error");
  await expect(page).toHaveURL(/\/signin$/);
});

test("a used link is refused with a page that offers a new one", async ({ page, smtp }) => {
  const since = new Date();
  await requestLink(page, "kari@example.com");
  const link = signInLinkFrom(await smtp.waitFor("kari@example.com", since));
  expect(link).toMatch(/^http:\/\/localhost:\d+\//);

  await openSignInLink(page, link);
  await expect(page).toHaveURL(/\/account$/);
  await page.context().clearCookies();

  await openSignInLink(page, link);
  await expect(page.getByRole("heading", { name: "This sign-in link cannot be used" })).toBeVisible();
  await expect(page.getByText("The link has already been used or has expired.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Email me a new link" })).toBeVisible();
});

test("a tampered link is refused", async ({ page, smtp }) => {
  const since = new Date();
  await requestLink(page, "product@example.com");
  const link = new URL(signInLinkFrom(await smtp.waitFor("product@example.com", since)));
  link.searchParams.set("token", "0".repeat(64));
  await openSignInLink(page, link.toString());
  await expect(page.getByRole("heading", { name: "This sign-in link cannot be used" })).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin$/);
});

test("the language switch is remembered and Accept-Language picks the first language", async ({ browser, app }) => {
  const context = await browser.newContext({ baseURL: app.baseURL, locale: "nb-NO" });
  const page = await context.newPage();
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Logg inn" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Your data, in plain view" })).toBeVisible();
  await context.close();
});

test("sign-in works with the keyboard alone", { tag: "@smoke" }, async ({ page, smtp }) => {
  const since = new Date();
  await page.goto("/signin");
  const email = page.locator("#email");
  for (let i = 0; i < 20 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(email).toBeFocused();
  await page.keyboard.type("ola@example.com");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  const link = signInLinkFrom(await smtp.waitFor("ola@example.com", since));
  await page.goto(link);
  const next = page.getByRole("button", { name: "Continue" });
  for (let i = 0; i < 20 && !(await next.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(next).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Hello, Ola" })).toBeVisible();
});

test("a mail scanner opening the link (GET, HEAD) spends nothing; the press of Continue signs in", async ({
  page,
  browser,
  app,
  smtp,
}) => {
  const since = new Date();
  await requestLink(page, "kari@example.com");
  const link = signInLinkFrom(await smtp.waitFor("kari@example.com", since));
  const url = new URL(link);
  expect(url.pathname).toBe("/signin/continue");
  expect(url.searchParams.get("callbackUrl")).toBe(`${app.baseURL}/account`);
  // No email address in the link (browser history, proxies' logs, the local server log).
  expect([...url.searchParams.keys()].sort()).toEqual(["callbackUrl", "token"]);

  // What a gateway does: HEAD and GET on the link, and on the Auth.js callback with the
  // same query (an older link), following redirects. None of it may sign in or spend it.
  const scanner = await browser.newContext({ baseURL: app.baseURL });
  const callback = `${app.baseURL}/api/auth/callback/email${url.search}`;
  for (const target of [link, callback]) {
    expect((await scanner.request.head(target)).status()).toBeLessThan(400);
    const opened = await scanner.request.get(target);
    expect(opened.status()).toBe(200);
    expect(new URL(opened.url()).pathname).toBe("/signin/continue");
  }
  const redirected = await scanner.request.get(callback, { maxRedirects: 0 });
  expect(redirected.status()).toBe(303);
  expect(redirected.headers()["set-cookie"]).toBeUndefined();
  expect((await scanner.cookies()).filter((c) => c.name.includes("session-token"))).toEqual([]);
  await scanner.close();

  // The page: one button, nothing else to do; axe-clean in both languages.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Continue signing in" })).toBeVisible();
  // Whose account it signs in to, so that a link someone else sent is not pressed blindly.
  await expect(page.getByText("You are signing in as kari@example.com.")).toBeVisible();
  await expectNoAxeViolations(page);
  const nb = await browser.newContext({ baseURL: app.baseURL, locale: "nb-NO" });
  const nbPage = await nb.newPage();
  await nbPage.goto(link);
  await expect(nbPage.getByRole("heading", { level: 1, name: "Fortsett innloggingen" })).toBeVisible();
  await expect(nbPage.getByRole("button", { name: "Fortsett" })).toBeVisible();
  await expect(nbPage.getByText("Du logger inn som kari@example.com.")).toBeVisible();
  await expectNoAxeViolations(nbPage);
  await nb.close();

  // After all that, the person's press still signs in.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Hello, Kari" })).toBeVisible();
});

test("a link with a missing part says so and offers a new one", async ({ page }) => {
  await page.goto("/signin/continue?token=abc");
  await expect(page.getByRole("heading", { level: 1, name: "This sign-in link is incomplete" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/signin");
  await expectNoAxeViolations(page);
});
