import { expect, test } from "./fixtures";

test("every page carries a nonce CSP and the baseline headers; personal pages are not cached", async ({
  page,
  signIn,
}) => {
  const response = await page.goto("/signin");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  const nonce = csp.match(/'nonce-([^']+)'/)![1];
  const scriptNonces = await page
    .locator("script[src]")
    .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  // A fresh nonce per request.
  const again = await page.request.get("/signin");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce!);

  await signIn(page, "kari@example.com");
  const account = await page.goto("/account/purposes");
  expect(account!.headers()["cache-control"]).toContain("no-store");

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("authjs.session-token"))!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("Auth.js's own sign-in POST endpoint is not exposed", async ({ request }) => {
  const response = await request.post("/api/auth/signin/email", {
    form: { email: "kari@example.com" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(405);
});
