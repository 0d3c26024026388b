import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { demoPurposes, demoRetiredPurposes } from "../lib/demo/demo-purposes";
import { expectNoAxeViolations } from "./fixtures";
import { startAppServer, type AppServer } from "./support/app-server";
import { createE2eDatabase, openAppDatabase, rowsOf } from "./support/database";
import { openSignInLink, signInLinkFrom, startSmtpReceiver, type SmtpReceiver } from "./support/smtp";

// On its OWN app server: these journeys need Kari as seeded, with version 2 of personalised
// offers waiting for her answer, and one of them answers it.
test.use({ locale: "en-GB" });
test.describe.configure({ mode: "serial" });

let smtp: SmtpReceiver;
let app: AppServer;
let database: Awaited<ReturnType<typeof createE2eDatabase>> | null = null;
let cookies: Awaited<ReturnType<BrowserContext["cookies"]>> | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  smtp = await startSmtpReceiver();
  const serverUrl = process.env.DATABASE_URL?.trim();
  database = serverUrl ? await createE2eDatabase(serverUrl, "tillit_e2e_reconsent") : null;
  app = await startAppServer({ emailServer: smtp.url, extraEnv: { DATABASE_URL: database?.url ?? "" } });
});

test.afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  await database?.drop();
});

async function signIn(page: Page) {
  if (cookies) {
    await page.context().addCookies(cookies);
    return;
  }
  const since = new Date();
  await page.goto(`${app.baseURL}/signin`);
  await page.locator("#email").fill("kari@example.com");
  await page.locator("form:has(#email) button[type=submit]").click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await openSignInLink(page, signInLinkFrom(await smtp.waitFor("kari@example.com", since)));
  await expect(page).toHaveURL(/\/account$/);
  cookies = await page.context().cookies();
}

const offersV1 = demoRetiredPurposes.find((p) => p.key === "personalised_offers")!.texts.en;
const offersV2 = demoPurposes.find((p) => p.key === "personalised_offers")!.texts.en;
const pendingPanel = "Personalised offers: version 2 is waiting for your answer";
const channels = ["Email", "SMS", "Push notifications", "Post"];

test("Kari's home and preferences page say the same thing about each channel", async ({ page }) => {
  await signIn(page);
  await page.goto(`${app.baseURL}/account`);
  const lines = await page.getByRole("region", { name: "How we contact you" }).getByRole("listitem").allInnerTexts();
  // Post is only in version 2 of personalised offers, which she has not agreed to.
  expect(lines).toContain("Post: you get nothing by post.");
  expect(lines).toHaveLength(4);

  await page.goto(`${app.baseURL}/account/preferences`);
  const quick = page.getByRole("region", { name: "One channel, every topic" });
  for (const line of lines) await expect(quick.getByText(line)).toBeVisible();
  await expect(quick).toContainText("You allow post for 1 topic that is off for another reason; see below.");

  // Per channel, the ticked boxes are exactly the topics she gets messages about.
  for (const channel of channels) {
    const line = lines.find((l) => l.startsWith(`${channel}:`))!;
    const count = Number(/about (\d+) of/.exec(line)?.[1] ?? 0);
    const boxes = page.getByRole("checkbox", { name: new RegExp(`^${channel} for `) });
    let ticked = 0;
    for (const box of await boxes.all()) {
      if (await box.isChecked()) {
        ticked++;
        await expect(box).toHaveAccessibleDescription("Now on");
      }
    }
    expect(ticked, `${channel}: ${line}`).toBe(count);
  }

  // The post box is off, says why, links to the one step that turns it on, and keeps her choice.
  const post = page.getByRole("checkbox", { name: "Post for Personalised offers", exact: true });
  await expect(post).not.toBeChecked();
  await expect(post).toBeDisabled();
  await expect(post).toHaveAccessibleDescription(
    "Off: post is new in version 2 of Personalised offers, which you have not agreed to. See what version 2 of Personalised offers changes. If that changes, your own choice applies: post allowed.",
  );
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "See what version 2 of Personalised offers changes" }).click();
  await expect(page).toHaveURL(/\/account\/purposes\/personalised_offers$/);
  await expect(page.getByRole("region", { name: pendingPanel })).toBeVisible();
});

test("with version 2 pending, the home and the purposes page show the same state and equal choices", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`${app.baseURL}/account`);
  const prompts = page.getByRole("region", { name: "Needs your answer" });
  const homePanel = prompts.getByRole("region", { name: pendingPanel });
  await expect(homePanel).toContainText(/You agreed to version 1 on [\w ,]+ \d{4}\. It still applies/);
  // The changes are computed from the two versions, shown next to the buttons.
  await expect(homePanel).toContainText(`What it isBefore: ${offersV1.description}Now: ${offersV2.description}`);
  await expect(homePanel).toContainText("Data usedNew: loyalty programme");
  await expect(homePanel).toContainText("How we may contact you about itNew: post");
  await expect(homePanel).toContainText("Consent lastsBefore: until you withdraw itNow: 24 months from when you agree");
  const accept = homePanel.getByRole("button", { name: "Agree to version 2" });
  const decline = homePanel.getByRole("button", { name: "No, switch it off" });
  expect(await accept.evaluate((e) => [e.tagName, e.className])).toEqual(
    await decline.evaluate((e) => [e.tagName, e.className]),
  );
  const homeText = await homePanel.innerText();

  // Her consents list says the same, with no switch that would skip the changes.
  const row = page
    .getByRole("region", { name: "Your consents" })
    .getByRole("listitem")
    .filter({ hasText: "Personalised offers" });
  await expect(row).toContainText("On (version 1)");
  await expect(row.getByRole("switch")).toHaveCount(0);

  // A renewal offers letting it end with the same weight as renewing.
  const renew = prompts.getByRole("button", { name: "Renew for 24 months" });
  const letEnd = prompts.getByRole("button", { name: "Let it end now" });
  await expect(letEnd).toBeVisible();
  expect(await renew.evaluate((e) => [e.tagName, e.className])).toEqual(
    await letEnd.evaluate((e) => [e.tagName, e.className]),
  );
  await expectNoAxeViolations(page);

  await page.goto(`${app.baseURL}/account/purposes`);
  const card = page.getByRole("article", { name: "Personalised offers", exact: true });
  await expect(card).toContainText("On (version 1)");
  await expect(card.getByRole("switch")).toHaveCount(0);
  // The card tells the version that applies now, and leads to the purpose's own page, where
  // the same panel as on the home tells what version 2 changes, beside the answers.
  await expect(card.getByRole("link", { name: /^See what changes, and answer ?: Personalised offers$/ })).toBeVisible();
  await expect(card).toContainText(offersV1.description);
  await expectNoAxeViolations(page);

  // The purpose's own page: the same state, and the facts of the version that applies.
  await page.goto(`${app.baseURL}/account/purposes/personalised_offers`);
  const own = page.getByRole("article", { name: "Personalised offers", exact: true });
  await expect(own).toContainText("On (version 1)");
  await expect(own.getByRole("switch")).toHaveCount(0);
  expect(await own.getByRole("region", { name: pendingPanel }).innerText()).toBe(homeText);
  await expect(own).toContainText("How we may contact you about itemail and push notifications");
  await expectNoAxeViolations(page);
});

test("after switching it off, the card shows version 2 in full, and that is what a grant records", async ({ page }) => {
  await signIn(page);
  await page.goto(`${app.baseURL}/account/purposes/personalised_offers`);
  const panel = page.getByRole("region", { name: pendingPanel });
  await panel.getByRole("button", { name: "No, switch it off" }).click();
  await expect(panel.getByRole("status")).toHaveText("Switched off.");

  await page.goto(`${app.baseURL}/account/purposes`);
  const card = page.getByRole("article", { name: "Personalised offers", exact: true });
  await expect(card.getByRole("region")).toHaveCount(0);
  await expect(card).toContainText(offersV2.description);
  const onScreen = await card.locator("p", { hasText: "loyalty points" }).first().innerText();
  await page.goto(`${app.baseURL}/account/purposes/personalised_offers`);
  await expect(page.getByRole("article", { name: "Personalised offers", exact: true })).toContainText(
    /How we may contact you about itemail, push notifications,? and post/,
  );
  await page.goBack();
  const offers = page.getByRole("switch", { name: "Personalised offers", exact: true });
  await expect(offers).toHaveAttribute("aria-checked", "false");
  await offers.click();
  await expect(offers).toHaveAttribute("aria-checked", "true");
  await page.goto(`${app.baseURL}/account`);
  await expect(page.getByRole("region", { name: "Needs your answer" }).getByRole("region")).toHaveCount(0);

  await app.stop();
  const db = await openAppDatabase({ databaseUrl: database?.url, dataDir: app.dataDir });
  try {
    const events = rowsOf<{
      action: string;
      purpose_version: number;
      method: string;
      shown_text: { description: string };
    }>(
      await db.execute(
        sql`select e.action, e.purpose_version, e.method, e.shown_text from consent_events e join users u on u.id = e.customer_id
            where u.email = 'kari@example.com' and e.purpose_key = 'personalised_offers' order by e.id desc limit 2`,
      ),
    );
    expect(events.map((e) => [e.action, e.purpose_version, e.method])).toEqual([
      ["granted", 2, "switch"],
      ["withdrawn", 2, "reconsent_prompt"],
    ]);
    expect(events[0]!.shown_text.description).toBe(onScreen);
  } finally {
    await db.close();
  }
});
