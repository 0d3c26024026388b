import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { startAppServer, type AppServer } from "./support/app-server";
import { homePathOf } from "./support/not-found";
import { openSignInLink, signInLinkFrom, startSmtpReceiver, type SmtpReceiver } from "./support/smtp";

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;
type SignIn = (page: Page, email: string) => Promise<void>;
type WorkerFixtures = { smtp: SmtpReceiver; app: AppServer; sessionCache: Map<string, Cookies> };
type TestFixtures = { signInByEmail: SignIn; signIn: SignIn; serverLog: void };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  smtp: [
    async ({}, use) => {
      const smtp = await startSmtpReceiver();
      await use(smtp);
      await smtp.close();
    },
    { scope: "worker" },
  ],
  app: [
    async ({ smtp }, use) => {
      const app = await startAppServer({ emailServer: smtp.url });
      await use(app);
      await app.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ app }, use) => use(app.baseURL),
  // The server's output is the first thing to read when a test fails.
  serverLog: [
    async ({ app }, use, testInfo) => {
      const before = app.log().length;
      await use();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach("server.log", { body: app.log().slice(before), contentType: "text/plain" });
      }
    },
    { auto: true },
  ],
  sessionCache: [async ({}, use) => use(new Map()), { scope: "worker" }],
  // Signs in through the real flow: the form, an SMTP exchange, the link in the mail.
  signInByEmail: async ({ smtp, sessionCache }, use) => {
    await use(async (page, email) => {
      const since = new Date();
      await page.goto("/signin");
      await page.locator("#email").fill(email);
      await page.locator("form:has(#email) button[type=submit]").click();
      await expect(page).toHaveURL(/\/signin\/check-email$/);
      await openSignInLink(page, signInLinkFrom(await smtp.waitFor(email, since)));
      await expect(page).toHaveURL(new RegExp(`${homePathOf(email)}$`));
      sessionCache.set(email, await page.context().cookies());
    });
  },
  // For tests that are not about sign-in: reuse a session from the real flow, so the
  // suite stays under the per-address sign-in rate limit.
  signIn: async ({ signInByEmail, sessionCache }, use) => {
    await use(async (page, email) => {
      const cookies = sessionCache.get(email);
      if (!cookies) return signInByEmail(page, email);
      await page.context().addCookies(cookies);
      await page.goto(homePathOf(email));
      await expect(page).toHaveURL(new RegExp(`${homePathOf(email)}$`));
    });
  },
});

export { expect };

/** Axe with the WCAG 2.x A and AA rules (including 2.2). */
export async function expectNoAxeViolations(page: Page) {
  // After a server action, Next streams the refreshed page's <title> in a moment after its
  // body; axe run in between reports a page without a title. Wait for it (and fail if it never comes).
  await expect(page).toHaveTitle(/\S/);
  // Legacy mode runs axe once, in the page (same-origin frames included). The default also
  // reaches into cross-origin frames, which the CSP (default-src 'self') rules out here, at
  // the price of a blank page and a second injection of axe per check (~1 s on this machine).
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .setLegacyMode()
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
