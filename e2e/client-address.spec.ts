import { expect, test, type Browser } from "@playwright/test";
import { startAppServer, type AppServer } from "./support/app-server";
import { startSmtpReceiver, type SmtpReceiver } from "./support/smtp";

// The per-client sign-in limit against a client that writes its own X-Forwarded-For,
// on a real `next start` with no proxy declared and with one. Each server keeps its own
// limit of 3 (its AUTH_SECRET keys the buckets).
let smtp: SmtpReceiver;
let direct: AppServer;
let behindProxy: AppServer;
const limits = { TILLIT_SIGNIN_LIMIT_PER_CLIENT: "3" };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  smtp = await startSmtpReceiver();
  [direct, behindProxy] = await Promise.all([
    startAppServer({ emailServer: smtp.url, extraEnv: { ...limits, TILLIT_TRUSTED_PROXY_HOPS: "0" } }),
    startAppServer({ emailServer: smtp.url, extraEnv: { ...limits, TILLIT_TRUSTED_PROXY_HOPS: "1" } }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([direct?.stop(), behindProxy?.stop()]);
  await smtp?.close();
});

/** Asks for a sign-in link with the given forwarded headers; says whether the limit let it through. */
async function askAs(browser: Browser, app: AppServer, headers: Record<string, string>, n: number) {
  const context = await browser.newContext({ baseURL: app.baseURL, locale: "en-GB", extraHTTPHeaders: headers });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.locator("#email").fill(`nobody-${n}@example.com`);
  await page.locator("form:has(#email) button[type=submit]").click();
  const outcome = await Promise.race([
    page.waitForURL(/\/signin\/check-email$/).then(() => "accepted" as const),
    page
      .getByText("Too many attempts. Please wait a few minutes and try again.")
      .waitFor()
      .then(() => "limited" as const),
  ]);
  await context.close();
  return outcome;
}

test("with no proxy declared, the limit keys on the socket's address and forwarded headers change nothing", async ({
  browser,
}) => {
  const forwardedFor = (value: string) => ({ "X-Forwarded-For": value });
  for (let i = 1; i <= 3; i++) {
    expect(await askAs(browser, direct, forwardedFor(`192.0.2.${i}`), i)).toBe("accepted");
  }
  expect(await askAs(browser, direct, forwardedFor("192.0.2.10, 192.0.2.51"), 4)).toBe("limited");
  expect(await askAs(browser, direct, forwardedFor("198.51.100.77"), 5)).toBe("limited");
  expect(await askAs(browser, direct, { Forwarded: "for=198.51.100.78" }, 6)).toBe("limited");
  expect(await askAs(browser, direct, {}, 7)).toBe("limited");

  // A client cannot claim https either: no HSTS or upgrade-insecure-requests on plain http.
  const response = await fetch(`${direct.baseURL}/signin`, { headers: { "X-Forwarded-Proto": "https" } });
  expect(response.headers.get("strict-transport-security")).toBeNull();
  expect(response.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
});

test("behind one proxy, the limit keys on the address the proxy appended, not on what the client wrote before it", async ({
  browser,
}) => {
  const viaProxy = (clientWrote: string | null, proxySaw: string) => ({
    "X-Forwarded-For": clientWrote ? `${clientWrote}, ${proxySaw}` : proxySaw,
  });
  expect(await askAs(browser, behindProxy, viaProxy(null, "203.0.113.7"), 1)).toBe("accepted");
  expect(await askAs(browser, behindProxy, viaProxy("192.0.2.1", "203.0.113.7"), 2)).toBe("accepted");
  expect(await askAs(browser, behindProxy, viaProxy("10.0.0.1, 192.0.2.2", "203.0.113.7"), 3)).toBe("accepted");
  expect(await askAs(browser, behindProxy, viaProxy("192.0.2.10", "203.0.113.7"), 4)).toBe("limited");
  expect(await askAs(browser, behindProxy, viaProxy("203.0.113.8", "203.0.113.7"), 5)).toBe("limited");
  // Another client behind the same proxy has its own limit.
  expect(await askAs(browser, behindProxy, viaProxy("203.0.113.7", "203.0.113.8"), 6)).toBe("accepted");
});
