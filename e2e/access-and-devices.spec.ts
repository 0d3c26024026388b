import { createHash } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures";

test.use({ locale: "en-GB" });

const kari = "kari@example.com";

/** The opaque id the devices page uses for a session (lib/sessions/session-id.ts). */
function publicSessionId(token: string) {
  return createHash("sha256").update(token).digest("hex").slice(0, 32);
}

async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 60 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

async function expectNoHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

test("Kari sees which staff looked at her data, why, and whom it was shared with", async ({ page, signIn }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await signIn(page, kari);
  // At 320 px the sections are behind the account menu.
  const nav = page.getByRole("navigation", { name: "Your account" });
  await nav.getByText(/^Menu: /).click();
  await nav.getByRole("link", { name: "Who has seen it" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Who has seen your data" })).toBeVisible();
  await expect(page.getByText("Our staff see your details masked by default")).toBeVisible();

  const staff = page.getByRole("region", { name: "Our staff" }).getByRole("listitem");
  await expect(staff).toHaveCount(6);
  // Newest first.
  await expect(staff.nth(0)).toContainText("Siri (customer service) opened your account");
  await expect(staff.nth(0)).toContainText("Feil i adressen på faktura (SUP-12577)");
  await expect(staff.filter({ hasText: "Ahmed (customer service) revealed your address" })).toContainText(
    "Bekrefte returadresse",
  );
  // The category, the case and the agent's words, each under its label.
  const ahmedOpened = staff.filter({ hasText: "Ahmed (customer service) opened your account" });
  await expect(ahmedOpened).toContainText("Kind of reasonYou asked us for help, case SUP-11903");
  await expect(ahmedOpened).toContainText("Reason givenBehandle retur av joggesko");
  await expect(staff.filter({ hasText: "Siri (customer service) revealed your phone number" })).toContainText(
    "Ringe kunden tilbake om forsinket pakke",
  );

  // Everyone who received her data, at a glance: the email service and the SMS gateway that carried
  // her newsletters and order updates, beside the delivery partner.
  const sharedRegion = page.getByRole("region", { name: "Shared outside the company" });
  const recipients = sharedRegion.getByRole("list", { name: "Who has received it" }).getByRole("listitem");
  await expect(recipients).toHaveCount(3);
  await expect(recipients.filter({ hasText: "Mailchimp (Intuit Inc.), United States" })).toContainText(
    /26 times, most recently on .*For: Newsletter/s,
  );
  await expect(recipients.filter({ hasText: "Link Mobility AS, Norway" })).toContainText(
    /18 times, most recently on .*For: Order updates by SMS/s,
  );
  await expect(recipients.filter({ hasText: "Posten Bring AS, Norway" })).toContainText(
    /18 times, most recently on .*For: Sharing with delivery partner and Processing your orders/s,
  );

  await expect(sharedRegion.getByText("62 times in all.")).toBeVisible();
  const shared = sharedRegion.getByRole("list", { name: "Every time, newest first" }).getByRole("listitem");
  await expect(shared).toHaveCount(10);
  // Newest first: the last newsletter, with what the email service got.
  await expect(shared.first()).toContainText("Mailchimp (Intuit Inc.), United States");
  await expect(shared.first()).toContainText("Newsletter");
  await expect(shared.first()).toContainText("identity details and contact details");
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolations(page);

  // Older pages hold the rest: all 62, each listed once, every recipient among them.
  const pages = sharedRegion.getByRole("navigation", { name: "Pages of data shared" });
  await expect(pages).toContainText("Page 1 of 7");
  const seen: string[] = await shared.allInnerTexts();
  for (let n = 2; n <= 7; n++) {
    await pages.getByRole("link", { name: "Older" }).click();
    await expect(pages).toContainText(`Page ${n} of 7`);
    seen.push(...(await shared.allInnerTexts()));
  }
  expect(seen).toHaveLength(62);
  expect(seen.filter((text) => text.includes("Mailchimp (Intuit Inc.)"))).toHaveLength(26);
  const sms = seen.filter((text) => text.includes("Link Mobility AS"));
  expect(sms).toHaveLength(18);
  expect(sms[0]).toContain("contact details and orders");
  expect(sms[0]).toMatch(/TL-\d+/);
  expect(seen.find((text) => text.includes("Processing your orders"))).toContain("identity details and addresses");
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolations(page);
});

test("Kari signs another device out of her account, by keyboard, at 320 px", async ({
  page,
  browser,
  baseURL,
  signIn,
  signInByEmail,
  sessionCache,
}) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await signIn(page, kari);
  const kept = sessionCache.get(kari)!;
  const second = await browser.newContext({ baseURL, locale: "en-GB" });
  try {
    await page.goto("/account/devices");
    await expect(page.getByRole("heading", { level: 1, name: "Devices and sign-ins" })).toBeVisible();
    const sessions = page.getByRole("region", { name: "Signed in now" }).getByRole("listitem");
    await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);
    const before = await sessions.count();

    const otherPage = await second.newPage();
    await signInByEmail(otherPage, kari);
    const token = (await second.cookies()).find((c) => c.name === "authjs.session-token")!.value;
    const otherForm = page.locator(`form:has(input[name=sessionId][value="${publicSessionId(token)}"])`);

    await page.reload();
    await expect(sessions).toHaveCount(before + 1);
    await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);
    await expect(otherForm).toHaveCount(1);
    await expect(sessions.filter({ has: otherForm })).toContainText(/Chrome.* on Linux/);
    await expect(sessions.filter({ hasText: "This device" }).getByRole("button")).toHaveCount(0);
    const signIns = page.getByRole("region", { name: "Sign-ins in the last 90 days" }).getByRole("listitem");
    await expect(signIns.filter({ hasText: "Chrome 131 on Android 15" })).toHaveCount(1);
    await expect(signIns.filter({ hasText: "Mobile Safari 18 on iOS 18.1" })).toHaveCount(1);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);

    // A forged id (unknown, or another customer's) is refused and signs nobody out.
    await otherForm.evaluate((form) => {
      form.querySelector<HTMLInputElement>("input[name=sessionId]")!.value = "0".repeat(32);
      form.querySelector("button")!.click();
    });
    await expect(page.getByText("That device is already signed out, or it is not one of yours.")).toBeVisible();
    await page.reload();
    await expect(sessions).toHaveCount(before + 1);

    const signOut = otherForm.getByRole("button", { name: /^Sign out/ });
    await tabTo(page, signOut);
    await page.keyboard.press("Enter");
    const status = page.getByRole("status").filter({ hasText: "The device was signed out." });
    await expect(status).toBeVisible();
    await expect(status).toBeFocused();
    await expect(otherForm).toHaveCount(0);
    await expect(sessions).toHaveCount(before);
    await expectNoAxeViolations(page);

    await otherPage.goto("/account");
    await expect(otherPage).toHaveURL(/\/signin$/);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/account$/);
  } finally {
    await second.close();
    // signInByEmail cached the second device's (now ended) session for this address.
    sessionCache.set(kari, kept);
  }
});
