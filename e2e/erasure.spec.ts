import { expect, test, type Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { traceScan } from "../db/trace-scan";
import { expectNoAxeViolations } from "./fixtures";
import { startAppServer, type AppServer } from "./support/app-server";
import { createE2eDatabase, openAppDatabase, rowsOf } from "./support/database";
import { openSignInLink, signInLinkFrom, startSmtpReceiver, type SmtpReceiver } from "./support/smtp";

// The whole erasure journey on its OWN app server and database: erasing Kari would break
// every later spec on the shared server.
test.use({ locale: "en-GB" });
test.describe.configure({ mode: "serial" });

let smtp: SmtpReceiver;
let app: AppServer;
let database: Awaited<ReturnType<typeof createE2eDatabase>> | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  smtp = await startSmtpReceiver();
  const serverUrl = process.env.DATABASE_URL?.trim();
  database = serverUrl ? await createE2eDatabase(serverUrl, "tillit_e2e_erasure") : null;
  app = await startAppServer({
    emailServer: smtp.url,
    extraEnv: { DATABASE_URL: database?.url ?? "", TILLIT_JOB_POLL_MS: "500" },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  await database?.drop();
});

async function signInByEmail(page: Page, email: string) {
  const since = new Date();
  await page.goto(`${app.baseURL}/signin`);
  await page.locator("#email").fill(email);
  await page.locator("form:has(#email) button[type=submit]").click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await openSignInLink(page, signInLinkFrom(await smtp.waitFor(email, since)));
  await expect(page).toHaveURL(/\/account$/);
}

async function withDatabase<T>(run: (db: Awaited<ReturnType<typeof openAppDatabase>>) => Promise<T>): Promise<T> {
  await app.stop();
  const db = await openAppDatabase({ databaseUrl: database?.url, dataDir: app.dataDir });
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

const longDate = (at: Date) =>
  // The app formats English dates with the "en" locale, as every other page does.
  new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "Europe/Oslo" }).format(at);

test("Kari deletes her account: grace period, cancel, time travel, and no trace left", async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(300_000);
  // Ola signs in now; his session will be too old to delete his account by the end.
  const olaContext = await browser.newContext({ locale: "en-GB" });
  const ola = await olaContext.newPage();
  await signInByEmail(ola, "ola@example.com");

  await signInByEmail(page, "kari@example.com");
  await page.getByRole("link", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/account\/delete$/);
  await expect(page.getByRole("heading", { level: 1, name: "Delete my account" })).toBeVisible();

  // What goes, what is kept and until when, what cannot be recalled.
  const kept = page.getByRole("region", { name: "What we must keep by law" });
  const thisYear = new Date().getFullYear();
  await expect(
    kept.getByText(new RegExp(`Invoices for \\d+ orders? from ${thisYear}: kept until December 31, ${thisYear + 5}`)),
  ).toBeVisible();
  await expect(kept.getByText(/not your email, phone number or customer number/)).toBeVisible();
  const deleted = page.getByRole("region", { name: "What we delete" });
  await expect(deleted.getByText(/^Orders: /)).toBeVisible();
  await expect(deleted.getByText(/Consent history: \d+ entries/)).toBeVisible();
  await expect(page.getByText("Bring", { exact: false }).first()).toBeVisible();
  await expect(page.getByText(/You have 14 days to change your mind/)).toBeVisible();
  await expectNoAxeViolations(page);

  // A second tab, loaded before the first request, tries again later.
  const second = await context.newPage();
  await second.goto(`${app.baseURL}/account/delete`);

  // Confirm with the keyboard alone; the box must be ticked first.
  const expected = longDate(new Date(Date.now() + 14 * 24 * 60 * 60 * 1000));
  const confirm = page.getByRole("button", { name: "Delete my account" });
  await confirm.click();
  await expect(page.getByText("Tick the box to confirm")).toBeVisible();
  const box = page.getByRole("checkbox");
  await box.focus();
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: `Your account will be deleted on ${expected}.` })).toBeVisible();
  await expectNoAxeViolations(page);

  // The second request is refused.
  await second.getByRole("checkbox").check();
  await second.getByRole("button", { name: "Delete my account" }).click();
  await expect(second.getByText("You already have an account deletion scheduled.")).toBeVisible();
  await second.close();

  // The account home shows it too; cancel from the keyboard.
  await page.goto(`${app.baseURL}/account`);
  const cancel = page.getByRole("button", { name: "Cancel deletion" });
  await expect(page.getByText(`Your account will be deleted on ${expected}.`)).toBeVisible();
  await cancel.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "The deletion is cancelled." })).toBeVisible();
  await expect(cancel).toHaveCount(0);

  // Request again, then let the grace period pass (time travel while the server is down).
  await page.goto(`${app.baseURL}/account/delete`);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("button", { name: "Cancel deletion" })).toBeVisible();

  const kariId = await withDatabase(async (db) => {
    const [kari] = rowsOf<{ id: string }>(await db.execute(sql`select id from users where email = 'kari@example.com'`));
    await db.execute(
      sql`update jobs set run_at = now() - interval '1 minute' where kind = 'erasure' and status = 'queued'`,
    );
    await db.execute(
      sql`update data_subject_requests set scheduled_for = now() - interval '1 minute' where kind = 'erasure' and status = 'scheduled'`,
    );
    await db.execute(
      sql`update sessions set created_at = now() - interval '20 minutes' where user_id = (select id from users where email = 'ola@example.com')`,
    );
    return kari!.id;
  });
  const since = new Date();
  await app.start();

  // Her session is revoked: the cookie she still holds leads to sign-in.
  await expect(async () => {
    await page.goto(`${app.baseURL}/account`);
    await expect(page).toHaveURL(/\/signin$/);
  }).toPass({ timeout: 60_000 });
  const goodbye = await smtp.waitFor("kari@example.com", since);
  expect(goodbye.subject).toBe("Kontoen din er slettet");

  // The trace scan: her email, phone, id and name only in the records kept by law.
  await withDatabase(async (db) => {
    const hits = await traceScan(db, [
      "kari@example.com",
      "+47 912 34 567",
      "91234567",
      "+4791234567",
      kariId,
      "Kari Nordmann",
    ]);
    expect(hits.filter((h) => h.table !== "retained_records")).toEqual([]);
    const records = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from erasure_records`));
    expect(Number(records[0]!.n)).toBe(1);
    const olas = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from users where email = 'ola@example.com'`),
    );
    expect(Number(olas[0]!.n)).toBe(1);
  });
  await app.start();

  // Ola is untouched and signed in; his old session must re-authenticate through a fresh link.
  await ola.goto(`${app.baseURL}/account/delete`);
  await expect(ola.getByRole("checkbox")).toHaveCount(0);
  const linkSince = new Date();
  await ola.getByRole("button", { name: "Send me a confirmation link" }).click();
  await expect(ola.getByText("We have sent a link to your email address.")).toBeVisible();
  await openSignInLink(ola, signInLinkFrom(await smtp.waitFor("ola@example.com", linkSince)));
  await expect(ola).toHaveURL(/\/account\/delete$/);
  await expect(ola.getByRole("checkbox")).toBeVisible();
  await olaContext.close();

  // Kari's address gets no sign-in link any more.
  await context.clearCookies();
  const kariSince = new Date();
  await page.goto(`${app.baseURL}/signin`);
  await page.locator("#email").fill("kari@example.com");
  await page.locator("form:has(#email) button[type=submit]").click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await expect(smtp.waitFor("kari@example.com", kariSince, 3_000)).rejects.toThrow(/no mail/);
});
