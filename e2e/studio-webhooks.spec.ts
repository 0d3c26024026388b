import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { expectNoAxeViolations } from "./fixtures";
import { startAppServer, type AppServer } from "./support/app-server";
import { createE2eDatabase, openAppDatabase } from "./support/database";
import { openSignInLink, signInLinkFrom, startSmtpReceiver, type SmtpReceiver } from "./support/smtp";

// On its OWN app server: the API client is written into the database while the server is
// stopped (the embedded database has one process), and the server may post to a receiver
// on this machine (TILLIT_WEBHOOK_ALLOW_PRIVATE, as a local demo would set it).
test.use({ locale: "en-GB" });
test.describe.configure({ mode: "serial" });

const clientId = `e2e-webhooks-${Date.now().toString(36)}`;
type Hit = { headers: IncomingHttpHeaders; body: string };

let smtp: SmtpReceiver;
let app: AppServer;
let database: Awaited<ReturnType<typeof createE2eDatabase>> | null = null;
let receiver: Server;
const hits: Hit[] = [];
const sessions = new Map<string, Awaited<ReturnType<BrowserContext["cookies"]>>>();
let secret = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  smtp = await startSmtpReceiver();
  const serverUrl = process.env.DATABASE_URL?.trim();
  database = serverUrl ? await createE2eDatabase(serverUrl, "tillit_e2e_webhooks") : null;
  app = await startAppServer({
    emailServer: smtp.url,
    extraEnv: { DATABASE_URL: database?.url ?? "", TILLIT_WEBHOOK_ALLOW_HTTP: "1", TILLIT_WEBHOOK_ALLOW_PRIVATE: "1" },
  });
  await app.stop();
  const db = await openAppDatabase({ databaseUrl: database?.url, dataDir: app.dataDir });
  await db.execute(
    sql`insert into api_clients (id, name, scopes, country, created_by) values (${clientId}, 'Nordic Mail AB', ${"{webhooks.manage}"}::text[], 'SE', 'cli')`,
  );
  await db.close();
  await app.start();
});

test.afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  await database?.drop();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

async function signIn(page: Page, email: string) {
  const cached = sessions.get(email);
  if (cached) {
    await page.context().addCookies(cached);
    return;
  }
  const since = new Date();
  await page.goto(`${app.baseURL}/signin`);
  await page.locator("#email").fill(email);
  await page.locator("form:has(#email) button[type=submit]").click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await openSignInLink(page, signInLinkFrom(await smtp.waitFor(email, since)));
  await expect(page).not.toHaveURL(/signin/);
  sessions.set(email, await page.context().cookies());
}

const webhooksPage = () => `${app.baseURL}/studio/integrations/${clientId}/webhooks`;
const receiverUrl = () => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

test("a product member subscribes the client to consent changes and gets the secret once", async ({ page }) => {
  await signIn(page, "product@example.com");
  await page.goto(webhooksPage());
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks for Nordic Mail AB" })).toBeVisible();
  await expect(page.getByText("No subscriptions yet.")).toBeVisible();
  await expect(page.getByText("Nothing has been sent yet.")).toBeVisible();
  await expectNoAxeViolations(page);

  // Bad input first: no address and no kind of change.
  await page.getByRole("button", { name: "Create subscription" }).click();
  await expect(page.getByText("Enter the address of the receiving system.")).toBeVisible();
  await expect(page.getByText("Choose at least one kind of change to send.")).toBeVisible();
  await expect(page.getByLabel("Address (URL)")).toBeFocused();
  await expect(page.getByLabel("Address (URL)")).toHaveAccessibleDescription(/Enter the address/);
  await expectNoAxeViolations(page);

  await page.getByLabel("Address (URL)").fill(receiverUrl());
  await page.getByRole("checkbox", { name: "A consent changed" }).check();
  await page.getByRole("button", { name: "Create subscription" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The subscription is created." })).toBeVisible();
  secret = (await page.getByTestId("webhook-secret").innerText()).trim();
  expect(secret).toMatch(/^whsec_/);
  await expect(page.getByRole("row", { name: new RegExp(receiverUrl()) })).toContainText("A consent changed");
  await expectNoAxeViolations(page);
  // Shown once: a reload has no secret.
  await page.reload();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
});

test("Kari's consent change reaches the receiver signed; the log shows it and it can be delivered again", async ({
  page,
  browser,
}) => {
  const kari = await browser.newContext({ locale: "en-GB" });
  try {
    const customer = await kari.newPage();
    await signIn(customer, "kari@example.com");
    await customer.goto(`${app.baseURL}/account/purposes`);
    const newsletter = customer.getByRole("switch", { name: "Newsletter", exact: true });
    const before = await newsletter.getAttribute("aria-checked");
    await newsletter.click();
    await expect(newsletter).not.toHaveAttribute("aria-checked", before!);
  } finally {
    await kari.close();
  }
  await expect.poll(() => hits.length, { timeout: 10_000 }).toBe(1);
  const verified = new Webhook(secret).verify(hits[0]!.body, hits[0]!.headers as Record<string, string>);
  expect(verified).toMatchObject({ type: "consent.changed", data: { purposeKey: "newsletter" } });
  const webhookId = hits[0]!.headers["webhook-id"];

  await signIn(page, "product@example.com");
  await page.goto(webhooksPage());
  const log = page.getByRole("region", { name: "Delivery log" });
  const row = log.getByRole("row", { name: /A consent changed/ });
  await expect(row).toContainText("Delivered");
  await expect(row).toContainText("HTTP 204");
  await row.getByRole("link", { name: /Show attempts/ }).click();
  await expect(page.getByRole("region", { name: /Attempts for message/ })).toContainText("HTTP 204");
  await expectNoAxeViolations(page);

  await row.getByRole("button", { name: /Deliver again/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "It will be sent again shortly." })).toBeVisible();
  await expect.poll(() => hits.length, { timeout: 10_000 }).toBe(2);
  expect(hits[1]!.headers["webhook-id"]).toBe(webhookId);
  await page.reload();
  await log.getByRole("row", { name: /A consent changed/ }).getByRole("link", { name: /Show attempts/ }).click();
  await expect(page.getByRole("region", { name: /Attempts for message/ })).toContainText("asked for again by staff");
  await expectNoAxeViolations(page);
});

test("disabling asks first, then stops the subscription", async ({ page }) => {
  await signIn(page, "product@example.com");
  await page.goto(webhooksPage());
  await page.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(page.getByText(/Stop sending to/)).toBeVisible();
  await page.getByRole("button", { name: "Keep it" }).click();
  await page.getByRole("button", { name: "Disable", exact: true }).click();
  await page.getByRole("button", { name: "Yes, disable it" }).click();
  // The page is refreshed with the subscription's new state.
  await expect(page.getByRole("row", { name: new RegExp(receiverUrl()) })).toContainText("Disabled");
  await expect(page.getByRole("button", { name: "Disable", exact: true })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(receiverUrl()) })).toContainText("Disabled");
  await expectNoAxeViolations(page);
});

test("an unknown client is the same 404 as an unknown page", async ({ page }) => {
  await signIn(page, "product@example.com");
  const response = await page.goto(`${app.baseURL}/studio/integrations/no-such-client/webhooks`);
  expect(response?.status()).toBe(404);
});
