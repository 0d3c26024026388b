import { generateKeyPairSync, randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { apiGet, givenApiClient } from "./support/api-client";
import { startAppServer, type AppServer } from "./support/app-server";
import { createE2eDatabase, openAppDatabase, rowsOf, type E2eDatabase } from "./support/database";
import { openSignInLink, signInLinkFrom, startSmtpReceiver, type SmtpReceiver } from "./support/smtp";

// The README's "several processes behind a load balancer": two `next start` processes
// on one PostgreSQL database, configured alike (as a deployment would be), each test
// sending its requests through both. PGlite is one process by construction.
test.describe.configure({ mode: "serial" });
test.use({ locale: "en-GB" });

const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
let database: Awaited<ReturnType<typeof createE2eDatabase>>;
let db: E2eDatabase;
let smtp: SmtpReceiver;
let a: AppServer;
let b: AppServer;

async function reachable(url: string): Promise<boolean> {
  const client = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 });
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  test.skip(
    !(await reachable(serverUrl)),
    "needs a PostgreSQL server (DATABASE_URL, or postgres@127.0.0.1:5432): several processes cannot share PGlite",
  );
  [database, smtp] = await Promise.all([createE2eDatabase(serverUrl, "tillit_multi"), startSmtpReceiver()]);
  const shared = {
    DATABASE_URL: database.url,
    AUTH_SECRET: randomBytes(33).toString("base64url"),
    TILLIT_RECEIPT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({
      format: "pem",
      type: "pkcs8",
    }) as string,
    TILLIT_SIGNIN_LIMIT_PER_CLIENT: "4",
    // Every export goes through a background job, which both processes poll for.
    TILLIT_EXPORT_DIRECT_MAX_ROWS: "0",
    TILLIT_JOB_POLL_MS: "200",
  };
  // Started together: migrations and the demo seed must happen once.
  [a, b] = await Promise.all([
    startAppServer({ emailServer: smtp.url, extraEnv: shared }),
    startAppServer({ emailServer: smtp.url, extraEnv: shared }),
  ]);
  db = await openAppDatabase({ databaseUrl: database.url, dataDir: a.dataDir });
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.close();
  await database?.drop();
  await smtp?.close();
});

const rows = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query));
const one = async <T>(query: ReturnType<typeof sql>) => (await rows<T>(query))[0]!;

async function requestLink(page: Page, app: AppServer, email: string) {
  await page.goto(`${app.baseURL}/signin`);
  await page.locator("#email").fill(email);
  await page.locator("form:has(#email) button[type=submit]").click();
}

test("two processes start together on an empty database: one migration, one demo seed", async () => {
  const { n } = await one<{ n: number }>(sql`select count(*)::int as n from users where email = 'kari@example.com'`);
  expect(n).toBe(1);
  const { purposes } = await one<{ purposes: number }>(
    sql`select count(*)::int as purposes from purposes where key = 'newsletter'`,
  );
  expect(purposes).toBe(1);
});

test("a session from one process works on the other, and consent toggles through both keep state = last event", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const onA = await context.newPage();
  const since = new Date();
  await requestLink(onA, a, "kari@example.com");
  await openSignInLink(onA, signInLinkFrom(await smtp.waitFor("kari@example.com", since)));
  await expect(onA).toHaveURL(`${a.baseURL}/account`);

  // The session cookie (localhost, any port) reaches the other process, which knows it.
  const onB = await context.newPage();
  await onB.goto(`${b.baseURL}/account`);
  await expect(onB).toHaveURL(`${b.baseURL}/account`);
  await expect(onB.getByRole("heading", { name: "Hello, Kari" })).toBeVisible();

  const newsletter = (page: Page) => page.getByRole("switch", { name: "Newsletter", exact: true });
  for (const [i, page] of [onA, onB, onA, onB].entries()) {
    await page.goto(`${page === onA ? a.baseURL : b.baseURL}/account/purposes`);
    const expected = i % 2 === 0 ? "false" : "true";
    await expect(newsletter(page)).toHaveAttribute("aria-checked", expected === "false" ? "true" : "false");
    await newsletter(page).click();
    await expect(newsletter(page)).toHaveAttribute("aria-checked", expected);
  }
  // Both at once, from pages that both show it on.
  await onA.reload();
  await expect(newsletter(onA)).toHaveAttribute("aria-checked", "true");
  await Promise.all([newsletter(onA).click(), newsletter(onB).click()]);
  await expect(newsletter(onA)).toHaveAttribute("aria-checked", "false");
  await expect(newsletter(onB)).toHaveAttribute("aria-checked", "false");

  const state = await one<{ granted: boolean; last_event_id: number; latest: number; action: string }>(sql`
    select s.granted, s.last_event_id::int as last_event_id, e.id::int as latest, e.action
    from consent_states s
    join users u on u.email = 'kari@example.com' and u.id = s.customer_id
    join lateral (
      select id, action from consent_events
      where customer_id = s.customer_id and purpose_key = s.purpose_key order by id desc limit 1
    ) e on true
    where s.purpose_key = 'newsletter'`);
  expect(state).toMatchObject({ granted: false, action: "withdrawn" });
  expect(state.last_event_id).toBe(state.latest);
  for (const page of [onA, onB]) {
    await page.reload();
    await expect(newsletter(page)).toHaveAttribute("aria-checked", "false");
  }

  // A due job runs exactly once, though both processes poll for it.
  const exportSince = new Date();
  await onB.goto(`${b.baseURL}/account/export`);
  await onB.getByRole("button", { name: "Start export" }).click();
  await expect
    .poll(async () => (await rows<{ status: string }>(sql`select status from jobs where kind = 'export'`))[0]?.status, {
      timeout: 30_000,
    })
    .toBe("done");
  const jobs = await rows<{ attempts: number }>(sql`select attempts from jobs where kind = 'export'`);
  expect(jobs).toEqual([{ attempts: 1 }]);
  const { files } = await one<{ files: number }>(sql`select count(*)::int as files from export_files`);
  expect(files).toBe(1);
  await smtp.waitFor("kari@example.com", exportSince);
  expect(smtp.inbox.filter((m) => m.to.includes("kari@example.com") && m.date >= exportSince)).toHaveLength(1);
  await context.close();
});

test("the per-client sign-in limit is one limit across both processes", async ({ browser }) => {
  // The sign-in above used 1 of this client's 4.
  const outcomes: string[] = [];
  for (const app of [b, a, b, a, b]) {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await requestLink(page, app, `nobody-${outcomes.length}@example.com`);
    outcomes.push(
      await Promise.race([
        page.waitForURL(/\/signin\/check-email$/).then(() => "accepted"),
        page
          .getByText("Too many attempts. Please wait a few minutes and try again.")
          .waitFor()
          .then(() => "limited"),
      ]),
    );
    await context.close();
  }
  expect(outcomes).toEqual(["accepted", "accepted", "accepted", "limited", "limited"]);
});

test("a withdrawal through one process is the decision API's answer on the other at once", async ({ browser }) => {
  const { token } = await givenApiClient(db, ["consent.read"], "Email platform");
  const kari = await one<{ id: string; number: string }>(sql`
    select c.id, c.customer_number::text as number from customers c join users u on u.id = c.id
    where u.email = 'kari@example.com'`);
  // Kari's browser, with a session as a sign-in would have left it (this spec's sign-in limit is spent).
  const session = randomBytes(32).toString("hex");
  await db.execute(sql`
    insert into sessions (session_token, user_id, expires) values (${session}, ${kari.id}, now() + interval '1 hour')`);
  const context = await browser.newContext({ locale: "en-GB" });
  await context.addCookies([{ name: "authjs.session-token", value: session, url: a.baseURL }]);
  const page = await context.newPage();
  await page.goto(`${a.baseURL}/account/purposes`);
  const newsletter = page.getByRole("switch", { name: "Newsletter", exact: true });
  const ask = () => apiGet(b.baseURL, token, `/api/v1/customers/${kari.number}/consents/newsletter?channel=email`);

  const lags: number[] = [];
  for (let round = 0; round < 3; round++) {
    await newsletter.click();
    await expect(newsletter).toHaveAttribute("aria-checked", "true");
    expect((await ask()).body).toMatchObject({ decision: "allow", reason: "granted" });
    await newsletter.click();
    // The switch shows the withdrawal once the action's transaction has committed on A;
    // the very next question to B already gets the new answer (no cache between them).
    await expect(newsletter).toHaveAttribute("aria-checked", "false");
    const t0 = performance.now();
    const answer = await ask();
    lags.push(performance.now() - t0);
    expect(answer).toMatchObject({ status: 200, body: { decision: "deny", reason: "withdrawn" } });
  }
  test.info().annotations.push({
    type: "withdrawal to decision, across processes",
    description: `first answer after the switch showed off: ${lags.map((ms) => ms.toFixed(1)).join(", ")} ms`,
  });
  console.log(`[multi-process] withdrawal on A → decision on B: ${lags.map((ms) => ms.toFixed(1)).join(" / ")} ms`);
  await context.close();
});

test("maintenance in both processes at once records each lapsed consent as expired exactly once", async () => {
  await Promise.all([a.stop(), b.stop()]);
  // Enough lapsed consents that the two runs overlap: 500 more customers, each with one
  // granted consent like a seeded one.
  await db.execute(sql`
    with src as (
      select s.purpose_key, s.purpose_version, e.shown_text, e.locale
      from consent_states s join consent_events e on e.id = s.last_event_id
      where s.granted limit 1
    ), u as (
      insert into users (id, name, email, role)
      select gen_random_uuid()::text, 'Load test', 'multi-' || g || '@example.com', 'customer'
      from generate_series(1, 500) g
      returning id
    ), c as (
      insert into customers (id, given_name, family_name) select id, 'Load', 'Test' from u returning id
    ), e as (
      insert into consent_events (customer_id, purpose_key, purpose_version, action, source_channel, locale, shown_text)
      select c.id, src.purpose_key, src.purpose_version, 'granted', 'web', src.locale, src.shown_text from c, src
      returning id, customer_id, purpose_key, purpose_version
    )
    insert into consent_states (customer_id, purpose_key, purpose_version, granted, last_action, last_event_id, updated_at)
    select customer_id, purpose_key, purpose_version, true, 'granted', id, now() from e`);
  // A moment no seeded consent uses, so the test finds exactly these again.
  const lapsedAt = "2026-01-02T03:04:05.000Z";
  const lapsed = await rows<{ customer_id: string; purpose_key: string }>(sql`
    update consent_states set expires_at = ${lapsedAt}::timestamptz
    where granted returning customer_id, purpose_key`);
  expect(lapsed.length).toBeGreaterThan(500);

  // Maintenance runs at start-up: both processes see the same lapsed consents.
  await Promise.all([a.start(), b.start()]);
  // Each process either runs it or skips it while the other holds the maintenance lock.
  const done = (app: AppServer) => {
    const [, expired, skipped] = /maintenance (?:done: (\d+) lapsed|(skipped))/.exec(app.log()) ?? [];
    return skipped ? 0 : expired === undefined ? undefined : Number(expired);
  };
  await expect.poll(() => [done(a) !== undefined, done(b) !== undefined], { timeout: 30_000 }).toEqual([true, true]);
  expect(done(a)! + done(b)!).toBe(lapsed.length);
  test.info().annotations.push({ type: "maintenance", description: `expired by A: ${done(a)}, by B: ${done(b)}` });

  // Each expired event is dated when its consent lapsed.
  const counts = await rows<{ n: number }>(sql`
    select count(*)::int as n from consent_events
    where action = 'expired' and occurred_at = ${lapsedAt}::timestamptz
    group by customer_id, purpose_key`);
  expect(counts).toHaveLength(lapsed.length);
  expect(counts.filter(({ n }) => n !== 1)).toEqual([]);
  // Every granted consent had lapsed; none is left granted.
  const { granted } = await one<{ granted: number }>(
    sql`select count(*)::int as granted from consent_states where granted`,
  );
  expect(granted).toBe(0);
});
