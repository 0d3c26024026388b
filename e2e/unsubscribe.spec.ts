import { spawn } from "node:child_process";
import type { Browser, Page } from "@playwright/test";
import type { AppServer } from "./support/app-server";
import { expect, expectNoAxeViolations, test } from "./fixtures";

test.use({ locale: "en-GB" });

/** `npm run send:newsletter` beside the running app, with the app's environment. */
function sendNewsletter(app: AppServer): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve("tsx/cli"), "--conditions=react-server", "scripts/send-newsletter.ts"],
      { env: app.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

async function newsletterSwitch(page: Page) {
  await page.goto("/account/purposes");
  return page.getByRole("switch", { name: "Newsletter", exact: true });
}

/** How many times Kari's data went to the newsletter's email service, from her sharing list. */
async function timesSharedWithEmailService(page: Page): Promise<number> {
  await page.goto("/account/access");
  const entry = page
    .getByRole("list", { name: "Who has received it" })
    .getByRole("listitem")
    .filter({ hasText: "Mailchimp (Intuit Inc.)" });
  return Number(/(\d+) times/.exec(await entry.innerText())![1]);
}

async function expectAxeCleanIn(browser: Browser, locale: "nb-NO" | "en-GB", url: string) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
}

test("Kari opts out of the newsletter from the mail, without signing in, and back in on her page", async ({
  page,
  browser,
  request,
  app,
  smtp,
  signIn,
}) => {
  test.setTimeout(300_000);
  // Another window, so that this page stays signed out for the link.
  const lookout = await browser.newContext({ baseURL: app.baseURL, locale: "en-GB" });
  const lookoutPage = await lookout.newPage();
  await signIn(lookoutPage, "kari@example.com");
  const sharedBefore = await timesSharedWithEmailService(lookoutPage);
  await lookout.close();
  const onPglite = !app.env.DATABASE_URL;
  if (onPglite) {
    // A second process on a running app's PGlite folder would corrupt it: refused.
    const refused = await sendNewsletter(app);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("Tillit is running on this data folder; stop it or use DATABASE_URL");
    await app.stop();
  }
  const since = new Date();
  const sent = await sendNewsletter(app);
  if (onPglite) await app.start();
  expect(sent.output).toMatch(/newsletter on (pglite|postgres): \d+ sent/);
  expect(sent.output).not.toContain("@");
  expect(sent.code).toBe(0);

  const mail = await smtp.waitFor("kari@example.com", since);
  expect(mail.subject).toBe("Nytt fra Tillit");
  expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  const link = /^<(.+)>$/.exec(mail.headers["list-unsubscribe"] ?? "")![1]!;
  expect(link).toMatch(new RegExp(`^${app.baseURL}/unsubscribe/[A-Za-z0-9_.-]+$`));
  expect(mail.text).toContain(link);

  // A mail gateway opens every link in the mail (HEAD, GET): that changes nothing.
  expect((await request.head(link)).status()).toBe(200);
  expect((await request.get(link)).status()).toBe(200);
  // Opening the link shows what it switches off and one button, in Kari's language (nb),
  // whatever the browser's; the page still offers it, so nothing was withdrawn above.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Vil du melde deg av «Nyhetsbrev»?" })).toBeVisible();
  await expect(page.getByText("Trykk «Meld av» for å trekke tilbake samtykket til «Nyhetsbrev».")).toBeVisible();
  await expectAxeCleanIn(browser, "nb-NO", link);
  await expectAxeCleanIn(browser, "en-GB", link);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Vil du melde deg av «Nyhetsbrev»?" })).toBeVisible();
  // One press, with the keyboard, is the opt-out.
  const unsubscribe = page.getByRole("button", { name: "Meld av" });
  for (let i = 0; i < 30 && !(await unsubscribe.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(unsubscribe).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Nyhetsbrev er slått av" })).toBeVisible();
  await expect(page.getByText("Denne lenken kan bare slå av.", { exact: false })).toBeVisible();
  const portal = page.getByRole("link", { name: "Se og endre alle valgene dine på siden din" });
  await expect(portal).toHaveAttribute("href", "/account/purposes");
  await portal.click();
  await expect(page).toHaveURL(/\/signin/);

  // Opening it again changes nothing and says so.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Nyhetsbrev er allerede slått av" })).toBeVisible();
  // The header's language switch (a server action posted to this URL) still works here.
  await page.getByRole("button", { name: "Norsk" }).click();
  await expect(page.getByRole("button", { name: "Norsk" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("heading", { level: 1, name: "Nyhetsbrev er allerede slått av" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  await expectAxeCleanIn(browser, "nb-NO", link);
  await expectAxeCleanIn(browser, "en-GB", link);

  await signIn(page, "kari@example.com");
  // The mail went through the email service the purpose names, and her sharing list says so.
  expect(await timesSharedWithEmailService(page)).toBe(sharedBefore + 1);
  const newest = page.getByRole("list", { name: "Every time, newest first" }).getByRole("listitem").first();
  await expect(newest).toContainText("Mailchimp (Intuit Inc.), United States");
  await expect(newest).toContainText("Nytt fra Tillit");
  const newsletter = await newsletterSwitch(page);
  await expect(newsletter).toHaveAttribute("aria-checked", "false");
  // Switching it on again takes signing in: here it is, in the portal.
  await newsletter.click();
  await expect(newsletter).toHaveAttribute("aria-checked", "true");

  // A tampered link: the same "cannot be used" page (404), nothing changed.
  const token = link.slice(link.lastIndexOf("/") + 1);
  const middle = Math.floor(token.length / 2);
  const tampered = `${app.baseURL}/unsubscribe/${token.slice(0, middle)}${token[middle] === "x" ? "y" : "x"}${token.slice(middle + 1)}`;
  const response = await page.goto(tampered);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByText("Nothing was changed.", { exact: false })).toBeVisible();
  await expectAxeCleanIn(browser, "nb-NO", tampered);
  await expectAxeCleanIn(browser, "en-GB", tampered);
  await expect(await newsletterSwitch(page)).toHaveAttribute("aria-checked", "true");

  // RFC 8058 one-click, as a mail provider sends it: a POST with no cookies and no Origin.
  const oneClick = await request.post(link, { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.text()).toBe("Avmeldt: Nyhetsbrev er slått av.\n");
  const tamperedClick = await request.post(tampered, { form: { "List-Unsubscribe": "One-Click" } });
  expect(tamperedClick.status()).toBe(404);
  const back = await newsletterSwitch(page);
  await expect(back).toHaveAttribute("aria-checked", "false");
  // Put it back for the other specs.
  await back.click();
  await expect(back).toHaveAttribute("aria-checked", "true");
});

test("after switching off, Kari may say why (anonymously) or skip, with the keyboard alone", async ({
  page,
  signIn,
}) => {
  await signIn(page, "kari@example.com");
  await page.goto("/account/purposes");
  const tabTo = async (target: ReturnType<Page["getByRole"]>) => {
    for (let i = 0; i < 80 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(target).toBeFocused();
  };
  const question = "Would you tell us why? (optional, anonymous)";

  // Newsletter (on): switch off, answer.
  const newsletter = page.getByRole("switch", { name: "Newsletter", exact: true });
  await expect(newsletter).toHaveAttribute("aria-checked", "true");
  await tabTo(newsletter);
  await page.keyboard.press("Space");
  await expect(newsletter).toHaveAttribute("aria-checked", "false");
  const form = page.getByRole("group", { name: question });
  await expect(form).toHaveCount(1);
  const reason = form.getByRole("radio", { name: "Too many messages" });
  await tabTo(reason);
  await page.keyboard.press("Space");
  await expect(reason).toBeChecked();
  await tabTo(page.getByRole("button", { name: "Send" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Thank you. Your answer helps us improve." })).toBeVisible();
  await expect(form).toHaveCount(0);
  // Focus goes back to the switch, which still says off: the answer changed nothing.
  await expect(newsletter).toBeFocused();
  await expect(newsletter).toHaveAttribute("aria-checked", "false");

  // Product analytics (off): switch on, then off again, and skip the question.
  const analytics = page.getByRole("switch", { name: "Product analytics", exact: true });
  await expect(analytics).toHaveAttribute("aria-checked", "false");
  await tabTo(analytics);
  await page.keyboard.press("Space");
  await expect(analytics).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("group", { name: question })).toHaveCount(0);
  await page.keyboard.press("Space");
  await expect(analytics).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("group", { name: question })).toHaveCount(1);
  await tabTo(page.getByRole("button", { name: "Skip" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("group", { name: question })).toHaveCount(0);
  await expect(analytics).toBeFocused();

  // Put the newsletter back on (product analytics is off again, as seeded).
  await tabTo(newsletter);
  await page.keyboard.press("Space");
  await expect(newsletter).toHaveAttribute("aria-checked", "true");
  await page.reload();
  await expect(page.getByRole("switch", { name: "Newsletter", exact: true })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("switch", { name: "Product analytics", exact: true })).toHaveAttribute(
    "aria-checked",
    "false",
  );
});
