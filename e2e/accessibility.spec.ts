import { expect, expectNoAxeViolations, test } from "./fixtures";

test.use({ locale: "en-GB" });

const publicPages = [
  "/",
  "/signin",
  "/signin/check-email",
  "/signin/error?error=Verification",
  // The Continue page of a sign-in link (opening it reads nothing, so any token will do).
  `/signin/continue?${new URLSearchParams({ token: "0".repeat(64), email: "kari@example.com", callbackUrl: "/account" })}`,
  "/signin/continue?token=incomplete",
  "/no-such-page",
  "/unsubscribe/not-a-valid-link",
  "/receipts/verify",
  "/privacy",
  "/transparency",
  "/developers",
];
const customerPages = [
  "/account",
  "/account/purposes",
  "/account/purposes/newsletter",
  "/account/purposes/personalised_offers",
  "/account/preferences",
  "/account/purposes/history",
  "/account/access",
  "/account/support-code",
  "/account/devices",
  "/account/profile",
  "/account/data",
  "/account/data/interactions?channel=app",
  "/account/delete",
  "/account/export",
  "/account/export?expired=1",
  "/account/requests",
  "/account/requests/restrict",
  "/account/requests/object",
  "/account/requests/correct",
];

for (const [locale, browserLocale] of [
  ["nb", "nb-NO"],
  ["en", "en-GB"],
] as const) {
  test.describe(locale, () => {
    test.use({ locale: browserLocale });
    test(`axe finds nothing on any page (${locale})`, async ({ page, signIn }) => {
      // A dozen full axe runs: on a loaded 2-core machine this takes over a minute.
      test.setTimeout(240_000);
      for (const path of publicPages) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expectNoAxeViolations(page);
      }
      await signIn(page, "kari@example.com");
      for (const path of customerPages) {
        await page.goto(path);
        await expectNoAxeViolations(page);
      }
      // A request's detail page (its id is only known from the list).
      await page.goto("/account/requests");
      await page.locator('a[href^="/account/requests/"][aria-label]').first().click();
      await expect(page).toHaveURL(/\/account\/requests\/[0-9a-f-]{36}$/);
      await expectNoAxeViolations(page);
    });
  });
}

test("a consent can be switched with the keyboard alone, at 320 px", async ({ page, signIn }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await signIn(page, "kari@example.com");
  await page.goto("/account/purposes");
  const analytics = page.getByRole("switch", { name: "Product analytics", exact: true });
  const before = await analytics.getAttribute("aria-checked");
  for (let i = 0; i < 40 && !(await analytics.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(analytics).toBeFocused();
  await page.keyboard.press("Space");
  await expect(analytics).toHaveAttribute("aria-checked", before === "true" ? "false" : "true");
  // Put it back, so the demo data stays as seeded for other tests.
  await page.keyboard.press("Enter");
  await expect(analytics).toHaveAttribute("aria-checked", before!);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
