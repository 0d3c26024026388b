import { expect, test } from "@playwright/test";
import { startAppServer, type AppServer } from "./support/app-server";
import { openSignInLink, signInLinkFrom, startSmtpReceiver, type SmtpReceiver } from "./support/smtp";
import { startTlsProxy } from "./support/tls-proxy";

// The app behind a TLS terminator, as the README deploys it: AUTH_URL is the https
// address, one proxy in front. Its own server, so the spec starts it itself.
let tls: Awaited<ReturnType<typeof startTlsProxy>>;
let smtp: SmtpReceiver;
let app: AppServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  [tls, smtp] = await Promise.all([startTlsProxy(), startSmtpReceiver()]);
  app = await startAppServer({
    emailServer: smtp.url,
    extraEnv: { AUTH_URL: tls.url, TILLIT_TRUSTED_PROXY_HOPS: "1" },
  });
  tls.forwardTo(app.baseURL);
});

test.afterAll(async () => {
  await app?.stop();
  await Promise.all([tls?.close(), smtp?.close()]);
});

test("over https: HSTS, upgrade-insecure-requests, sign-in links on the https address and secure cookies", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: tls.url, ignoreHTTPSErrors: true, locale: "en-GB" });
  const page = await context.newPage();

  const response = await page.goto("/signin");
  const headers = response!.headers();
  expect(headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(headers["content-security-policy"]).toContain("upgrade-insecure-requests");

  // The language switch is a server action: its Origin (the https address) must pass Next's check.
  await page.getByRole("button", { name: "Norsk" }).click();
  await expect(page.getByRole("heading", { name: "Logg inn" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  const since = new Date();
  await page.locator("#email").fill("kari@example.com");
  await page.locator("form:has(#email) button[type=submit]").click();
  await expect(page).toHaveURL(`${tls.url}/signin/check-email`);
  const link = signInLinkFrom(await smtp.waitFor("kari@example.com", since));
  expect(link.startsWith(`${tls.url}/`)).toBe(true);

  await openSignInLink(page, link);
  await expect(page).toHaveURL(`${tls.url}/account`);
  await expect(page.getByRole("heading", { name: "Hello, Kari" })).toBeVisible();

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toMatchObject({ name: "__Secure-authjs.session-token", secure: true, httpOnly: true });
  // Every cookie the app set over https is Secure (the locale, Auth.js's callback and CSRF cookies).
  expect(cookies.filter((c) => !c.secure).map((c) => c.name)).toEqual([]);
  await context.close();
});

test("behind a proxy that sends no X-Forwarded-Proto (nginx's default), the https AUTH_URL still sets HSTS", async ({
  browser,
}) => {
  tls.forwardedProto = false;
  try {
    const context = await browser.newContext({ baseURL: tls.url, ignoreHTTPSErrors: true, locale: "en-GB" });
    const page = await context.newPage();
    const response = await page.goto("/signin");
    expect(response!.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    expect(response!.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
    await page.getByRole("button", { name: "Norsk" }).click();
    await expect(page.getByRole("heading", { name: "Logg inn" })).toBeVisible();
    expect((await context.cookies()).filter((c) => !c.secure).map((c) => c.name)).toEqual([]);
    await context.close();
  } finally {
    tls.forwardedProto = true;
  }
});
