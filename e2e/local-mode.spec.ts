import { test as base, expect, type Page } from "@playwright/test";
import { startAppServer } from "./support/app-server";

// These start their own servers: one without a mail server, one misconfigured.
const test = base;

/** Asks for a link as Kari, opens it from the local outbox and presses Continue. */
async function signInThroughOutbox(page: Page, baseURL: string) {
  await page.goto(`${baseURL}/signin`);
  await page.locator("#email").fill("kari@example.com");
  await page.locator("form:has(#email) button[type=submit]").click();
  await page.getByRole("link", { name: "Open the local outbox" }).click();
  await page.getByRole("link", { name: "Sign in as kari@example.com" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${baseURL}/account`);
}
test.use({ locale: "en-GB" });

test("without EMAIL_SERVER the sign-in link is shown on the local outbox and in the log", async ({ page }) => {
  const app = await startAppServer({ usePostgres: false });
  try {
    await signInThroughOutbox(page, app.baseURL);
    expect(app.log()).toContain(`${app.baseURL}/signin/continue?`);
  } finally {
    await app.stop();
  }
});

test("an AUTH_URL on 127.0.0.1 signs in all the same: the app names it localhost, as Next.js does", async ({
  page,
}) => {
  const app = await startAppServer({ usePostgres: false, authUrl: (port) => `http://127.0.0.1:${port}` });
  try {
    await signInThroughOutbox(page, app.baseURL);
    await expect(page.getByRole("heading", { name: "Hello, Kari" })).toBeVisible();
    expect(app.log()).toContain(`is used as ${app.baseURL}`);
  } finally {
    await app.stop();
  }
});

test("with EMAIL_SERVER set, the outbox page does not exist", async ({ request }) => {
  const app = await startAppServer({ usePostgres: false, emailServer: "smtp://127.0.0.1:9" });
  try {
    const response = await request.get(`${app.baseURL}/dev/outbox`);
    expect(response.status()).toBe(404);
  } finally {
    await app.stop();
  }
});

test("a production deployment refuses to start without AUTH_SECRET, and says why", async () => {
  const attempt = startAppServer({
    usePostgres: false,
    emailServer: "smtp://127.0.0.1:9",
    extraEnv: { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres", AUTH_SECRET: undefined },
  });
  await expect(attempt).rejects.toThrow(/AUTH_SECRET is not set/);
});
