import { createServer, type Server } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { expectNoAxeViolations } from "./fixtures";
import { freePort, startAppServer, type AppServer } from "./support/app-server";
import { createE2eDatabase, openAppDatabase, rowsOf } from "./support/database";
import { openSignInLink, signInLinkFrom, startSmtpReceiver, type SmtpReceiver } from "./support/smtp";

// The integration, end to end, as the "done when" tells it: a client made in the
// studio asks about Kari, Kari withdraws in the portal, a receiver gets the signed change
// and the answer flips, Kari sees the look, an event for the withdrawn purpose is dropped,
// and her erasure reaches the receiver. On its OWN server and database: Kari is erased.
test.use({ locale: "en-GB" });
test.describe.configure({ mode: "serial" });

type Received = { headers: Record<string, string>; body: string };

let smtp: SmtpReceiver;
let app: AppServer;
let database: Awaited<ReturnType<typeof createE2eDatabase>> | null = null;
let receiver: Server;
let receiverUrl = "";
let apiPort = 0;
const received: Received[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : (v ?? "")]),
      );
      received.push({ headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/tillit-hooks`;
  smtp = await startSmtpReceiver();
  const serverUrl = process.env.DATABASE_URL?.trim();
  database = serverUrl ? await createE2eDatabase(serverUrl, "tillit_e2e_integration") : null;
  apiPort = await freePort();
  app = await startAppServer({
    emailServer: smtp.url,
    extraEnv: {
      DATABASE_URL: database?.url ?? "",
      // The API's own port beside the app's: the decision is asked through both doors.
      TILLIT_API_PORT: String(apiPort),
      TILLIT_JOB_POLL_MS: "300",
      // Deleted as soon as asked: this journey is about the notice, not the grace period.
      TILLIT_ERASURE_GRACE_DAYS: "0",
      // The receiver is this test process, on plain http on 127.0.0.1 (a local demo's setting).
      TILLIT_WEBHOOK_ALLOW_HTTP: "1",
      TILLIT_WEBHOOK_ALLOW_PRIVATE: "1",
    },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  await database?.drop();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function signInByEmail(page: Page, email: string) {
  const since = new Date();
  await page.goto(`${app.baseURL}/signin`);
  await page.locator("#email").fill(email);
  await page.locator("form:has(#email) button[type=submit]").click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await openSignInLink(page, signInLinkFrom(await smtp.waitFor(email, since)));
}

async function api(token: string, method: "GET" | "POST", path: string, body?: unknown, door: "app" | "api" = "app") {
  const base = door === "app" ? app.baseURL : `http://127.0.0.1:${apiPort}`;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The first webhook of this type that arrived, verified as a receiver would with the Standard Webhooks library. */
async function webhook(secret: string, type: string) {
  let found: Received | undefined;
  await expect
    .poll(() => (found = received.find((r) => JSON.parse(r.body).type === type)) !== undefined, { timeout: 20_000 })
    .toBe(true);
  const verified = new Webhook(secret).verify(found!.body, found!.headers) as { type: string; data: Record<string, unknown> };
  // A body changed on the way fails verification.
  expect(() => new Webhook(secret).verify(found!.body.replace(type, `${type}x`), found!.headers)).toThrow();
  return verified;
}

test("a system asks Tillit, hears when Kari changes her mind, and hears that she is gone", async ({ browser }) => {
  test.setTimeout(300_000);
  // Kari's customer number, as the company's other systems know her.
  await app.stop();
  const db = await openAppDatabase({ databaseUrl: database?.url, dataDir: app.dataDir });
  const [kari] = rowsOf<{ number: string }>(
    await db.execute(sql`
      select c.customer_number::text as number from customers c join users u on u.id = c.id
      where u.email = 'kari@example.com'`),
  );
  await db.close();
  await app.start();

  // A product member makes the client in the studio; its token is shown once.
  const studio = await (await browser.newContext({ locale: "en-GB" })).newPage();
  await signInByEmail(studio, "product@example.com");
  await studio.goto(`${app.baseURL}/studio/integrations`);
  await studio.getByLabel("Name of the system").fill("Email platform");
  await studio.getByRole("checkbox", { name: /^Ask about one customer's consent/ }).check();
  await studio.getByRole("checkbox", { name: /^Send events about customers/ }).check();
  await studio.getByRole("checkbox", { name: /^Manage its own webhooks/ }).check();
  await studio.getByRole("button", { name: "Create the client" }).click();
  const token = await studio.getByLabel("Token", { exact: true }).inputValue();
  expect(token).toMatch(/^tillit_/);

  // It subscribes a receiver and asks about Kari: newsletter, by email — allowed.
  const subscription = await api(token, "POST", "/api/v1/webhooks", {
    url: receiverUrl,
    eventTypes: ["consent.changed", "customer.erased"],
  });
  expect(subscription.status).toBe(201);
  const secret = String(subscription.body.secret);
  const ask = (door: "app" | "api" = "app") =>
    api(token, "GET", `/api/v1/customers/${kari!.number}/consents/newsletter?channel=email`, undefined, door);
  expect((await ask()).body).toMatchObject({ decision: "allow", reason: "granted", purpose: { key: "newsletter" } });
  expect((await ask("api")).body).toMatchObject({ decision: "allow", reason: "granted", purpose: { key: "newsletter" } });

  // Kari withdraws in the portal.
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await signInByEmail(page, "kari@example.com");
  await page.goto(`${app.baseURL}/account/purposes`);
  const newsletter = page.getByRole("switch", { name: "Newsletter", exact: true });
  await expect(newsletter).toHaveAttribute("aria-checked", "true");
  await newsletter.click();
  await expect(newsletter).toHaveAttribute("aria-checked", "false");

  // The receiver gets a signed event that verifies, and the answer has flipped.
  const changed = await webhook(secret, "consent.changed");
  expect(changed.data).toMatchObject({
    customer: { customerNumber: Number(kari!.number) },
    purposeKey: "newsletter",
    action: "withdrawn",
    granted: false,
  });
  expect((await ask()).body).toMatchObject({ decision: "deny", reason: "withdrawn" });
  expect((await ask("api")).body).toMatchObject({ decision: "deny", reason: "withdrawn" });

  // Kari sees the system's looks on her access page.
  await page.goto(`${app.baseURL}/account/access`);
  await expect(page.getByText(/Email platform/).first()).toBeVisible();
  // Listed with the other systems, not among staff.
  const systems = page.getByRole("region", { name: "Other systems" });
  await expect(systems.getByText(/whether it may use your data for Newsletter/).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Our staff" }).getByText(/Email platform/)).toHaveCount(0);
  await expectNoAxeViolations(page);

  // An event for the withdrawn purpose is not stored: dropped, with its reason.
  const events = await api(token, "POST", "/api/v1/events", {
    events: [
      {
        channel: "email",
        type: "email_open",
        customer: kari!.number,
        purpose: "newsletter",
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      },
    ],
  });
  expect(events).toMatchObject({ status: 200, body: { stored: 0, dropped: 1, results: [{ status: "dropped", reason: "withdrawn" }] } });
  // One for a purpose still in use is stored, and Kari sees who sent it and what for.
  const receipt = await api(token, "POST", "/api/v1/events", {
    events: [
      {
        channel: "email",
        type: "receipt_opened",
        customer: kari!.number,
        purpose: "order_processing",
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      },
    ],
  });
  expect(receipt).toMatchObject({ status: 200, body: { stored: 1, dropped: 0 } });
  await page.goto(`${app.baseURL}/account/data/interactions?channel=email`);
  const sent = page.getByRole("row", { name: /Email platform/ });
  await expect(sent).toHaveCount(1);
  await expect(sent).toContainText("Opened a receipt");
  await expect(sent).toContainText("Processing your orders");
  await expectNoAxeViolations(page);

  // Kari deletes her account; the receiver is told (GDPR Art. 19), and the API answers "erased".
  await page.goto(`${app.baseURL}/account/delete`);
  // Before she confirms, the page says which systems will be told.
  const told = page.locator("p", { hasText: "we tell the systems below" });
  await expect(told).toBeVisible();
  await expect(told.locator("xpath=following-sibling::ul[1]")).toContainText("Email platform");
  await expectNoAxeViolations(page);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Delete my account" }).click();
  const erased = await webhook(secret, "customer.erased");
  expect(erased.data).toMatchObject({ customer: { customerNumber: Number(kari!.number) } });
  expect((await ask()).body).toMatchObject({ decision: "deny", reason: "erased" });
  await context.close();
});
