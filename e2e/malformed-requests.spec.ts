import { connect } from "node:net";
import type { APIResponse } from "@playwright/test";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param";
import { expect, test } from "./fixtures";
import { callAction, serverAction } from "./support/actions";

// Requests that Next answered with a bare 500 (plain text, no CSP) get a 4xx with the usual
// headers, and a page in the reader's language where a person could see it (proxy.ts).

function expectUsualHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["cache-control"]).toContain("no-store");
}

const html = { Accept: "text/html,application/xhtml+xml" };

test.describe("a path that does not decode", () => {
  for (const path of [
    "/account/data/%ff",
    "/unsubscribe/%C0%AE",
    "/account/requests/%ff",
    "/account/purposes/history/%ff/receipt",
    "/account/export/%ff/download",
    "/account/data/%00",
  ]) {
    test(`${path} is a 400 page in the reader's language`, async ({ request }) => {
      const english = await request.get(path, { headers: { ...html, Cookie: "tillit-locale=en" }, maxRedirects: 0 });
      expect(english.status()).toBe(400);
      expectUsualHeaders(english);
      expect(english.headers()["content-type"]).toContain("text/html");
      const page = await english.text();
      expect(page).toContain('<html lang="en">');
      expect(page).toContain("The request could not be read");

      const norwegian = await request.get(path, { headers: { ...html, "Accept-Language": "nb-NO,nb;q=0.9" } });
      expect(norwegian.status()).toBe(400);
      expect(await norwegian.text()).toContain("Vi kunne ikke lese forespørselen");
    });
  }

  test("a one-click unsubscribe post to such a path is a 400 too", async ({ request }) => {
    const response = await request.post("/unsubscribe/%C0%AE", { form: { "List-Unsubscribe": "One-Click" } });
    expect(response.status()).toBe(400);
    expectUsualHeaders(response);
  });

  test("the page is shown to a person in the browser", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "Accept-Language": "en-GB" });
    const response = await page.goto("/account/data/%ff");
    expect(response!.status()).toBe(400);
    await expect(page.getByRole("heading", { name: "The request could not be read" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to the front page" })).toHaveAttribute("href", "/");
  });
});

test.describe("a malformed server-action post", () => {
  const signInAction = () => serverAction("requestSignInLinkAction");
  const post = (
    request: import("@playwright/test").APIRequestContext,
    baseURL: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ) =>
    request.post("/signin", {
      data: body,
      headers: {
        "Next-Action": signInAction().id,
        Origin: baseURL,
        Accept: "text/x-component",
        "Content-Type": "text/plain;charset=UTF-8",
        ...headers,
      },
      maxRedirects: 0,
    });

  const cases: { name: string; body: () => string | Buffer; headers?: Record<string, string>; status: number }[] = [
    { name: "a body that is not JSON", body: () => "not json", status: 400 },
    { name: "deep nesting", body: () => "[".repeat(5000) + "]".repeat(5000), status: 400 },
    { name: "a truncated body", body: () => '["$K1",{"a', status: 400 },
    {
      name: "a broken multipart boundary",
      body: () => '--abc\r\nContent-Disposition: form-data; name="0"\r\n\r\n[null]',
      headers: { "Content-Type": "multipart/form-data; boundary=abc" },
      status: 400,
    },
    { name: "a body over 1 MB", body: () => Buffer.alloc(1024 * 1024 + 10, "a"), status: 413 },
    { name: "a foreign Origin", body: () => "[]", headers: { Origin: "http://evil.example" }, status: 403 },
    { name: "an Origin that is no URL", body: () => "[]", headers: { Origin: "::" }, status: 403 },
  ];
  for (const { name, body, headers, status } of cases) {
    test(`with ${name} is a ${status}`, async ({ request, baseURL }) => {
      const response = await post(request, baseURL!, body(), headers);
      expect(response.status()).toBe(status);
      expectUsualHeaders(response);
      expect(await response.text()).toMatch(/\S/);
    });
  }

  test("a well-formed one still works, and a form posted from another site without JavaScript is refused", async ({
    request,
    baseURL,
  }) => {
    const ok = await callAction(request, {
      action: signInAction(),
      baseURL: baseURL!,
      fields: [["email", "not-an-address"]],
      headers: { Cookie: "tillit-locale=en" },
    });
    expect(ok.status()).toBe(200);
    expect(await ok.text()).toContain("Enter a valid email address");

    const crossSite = await request.post("/signin", {
      multipart: { $ACTION_ID_x: "", email: "kari@example.com" },
      headers: { ...html, Origin: "http://evil.example", Cookie: "tillit-locale=en" },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);
    expectUsualHeaders(crossSite);
    expect(await crossSite.text()).toContain("The request was refused");
  });
});

test.describe("requests Next.js would answer 500, or in its own way", () => {
  test("TRACE is refused before the app (Next would answer 500), with the usual headers", async ({ request }) => {
    for (const path of ["/", "/account", "/favicon.ico"]) {
      const response = await request.fetch(path, { method: "TRACE" });
      expect(response.status(), path).toBe(405);
      expect(response.headers()["allow"]).toContain("GET");
      expectUsualHeaders(response);
    }
  });

  test("under /api/v1 every answer is the API's JSON, whatever Next would have made of the request", async ({
    request,
  }) => {
    const cases: [string, { method?: string; headers?: Record<string, string> }, number, string][] = [
      ["/api/v1", {}, 404, "not_found"],
      ["/api/v1/", {}, 404, "not_found"],
      ["/api/v1/customers/100001/consents/newsletter/", {}, 404, "not_found"],
      ["/api/v1/%ff", {}, 400, "invalid_request"],
      ["/api/v1/customers/100001/consents/newsletter", { method: "TRACE" }, 405, "method_not_allowed"],
      // Next's router headers mean nothing here: the call is judged as any other.
      [
        "/api/v1/customers/100001/consents/newsletter",
        { headers: { RSC: "1", "Next-Router-State-Tree": "x" } },
        401,
        "unauthenticated",
      ],
    ];
    for (const [path, options, status, code] of cases) {
      const response = await request.fetch(path, { ...options, maxRedirects: 0 });
      const label = `${options.method ?? "GET"} ${path} ${JSON.stringify(options.headers ?? {})}`;
      expect(response.status(), label).toBe(status);
      expect(response.headers()["content-type"], label).toMatch(/^application\/json/);
      expect((await response.json()).error.code, label).toBe(code);
    }
  });

  test("a large body to /api/v1 without a token is refused at once, not read first", async ({ baseURL }) => {
    const url = new URL("/api/v1/events", baseURL);
    // Announces 9.9 MB and sends one byte: an answer can only come before the body is read.
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () =>
        socket.write(
          `POST /api/v1/events HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: 9900000\r\n\r\n{`,
        ),
      );
      socket.setTimeout(10_000, () => reject(new Error("no answer while the body was still owed")));
      socket.once("data", (chunk) => {
        resolve(chunk.toString("utf8"));
        socket.destroy();
      });
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
  });
});

test("a malformed router-state header is a 400", async ({ request }) => {
  for (const state of ["%%%garbage", "[1,2", encodeURIComponent('{"a":1}')]) {
    const rsc = await computeCacheBustingSearchParam(undefined, undefined, state, undefined);
    const response = await request.get(`/privacy?_rsc=${rsc}`, {
      headers: { RSC: "1", "Next-Router-State-Tree": state },
      maxRedirects: 0,
    });
    expect(response.status(), state).toBe(400);
    expectUsualHeaders(response);
  }
  // The header Next's own router sends is still served.
  const state = encodeURIComponent(JSON.stringify(["", { children: ["privacy", { children: ["__PAGE__", {}] }] }]));
  const rsc = await computeCacheBustingSearchParam(undefined, undefined, state, undefined);
  const fine = await request.get(`/privacy?_rsc=${rsc}`, { headers: { RSC: "1", "Next-Router-State-Tree": state } });
  expect(fine.status()).toBe(200);
});

test("a sign-in link with a callbackUrl outside this site is a 400 page", async ({ request, baseURL }) => {
  const port = new URL(baseURL!).port;
  for (const callbackUrl of [
    "javascript:alert(1)",
    `http://localhost:${port}.evil.example/`,
    "https://evil.example/",
  ]) {
    const params = new URLSearchParams({ callbackUrl, token: "x".repeat(64), email: "kari@example.com" });
    const response = await request.get(`/api/auth/callback/email?${params}`, {
      headers: { ...html, Cookie: "tillit-locale=en" },
      maxRedirects: 0,
    });
    expect(response.status(), callbackUrl).toBe(400);
    expectUsualHeaders(response);
    expect(await response.text()).toContain("The request could not be read");
  }
  // A link of this site still goes to the Continue page; posted with a foreign callbackUrl it
  // is refused like any link that is not ours (a redirect to the sign-in error page), not a 500.
  const own = new URLSearchParams({
    callbackUrl: `${baseURL}/account`,
    token: "a".repeat(64),
    email: "kari@example.com",
  });
  const continued = await request.get(`/api/auth/callback/email?${own}`, { maxRedirects: 0 });
  expect(continued.status()).toBe(303);
  expect(continued.headers()["location"]).toContain("/signin/continue");
  for (const callbackUrl of ["javascript:alert(1)", `http://localhost:${port}.evil.example/`]) {
    const posted = await request.post("/api/auth/callback/email", {
      form: { callbackUrl, token: "a".repeat(64), email: "kari@example.com" },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(posted.status(), callbackUrl).toBe(303);
    expect(posted.headers()["location"]).toContain("/signin/error");
  }
});

test.describe("headers on every response", () => {
  test("a 404 under /favicon.ico is a page with the usual headers; the icon itself stays cacheable", async ({
    request,
  }) => {
    for (const path of ["/favicon.icox", "/favicon.ico/x", "/favicon.ico.bak"]) {
      const response = await request.get(path, { headers: html });
      expect(response.status(), path).toBe(404);
      expectUsualHeaders(response);
    }
    const icon = await request.get("/favicon.ico");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["x-content-type-options"]).toBe("nosniff");
    expect(icon.headers()["cache-control"]).toContain("public");
  });

  test("a 405 is never cached, on public paths too", async ({ request }) => {
    for (const path of ["/.well-known/jwks.json", "/schemas/export-v1.json", "/favicon.ico"]) {
      const response = await request.post(path, { data: "" });
      expect(response.status(), path).toBe(405);
      expectUsualHeaders(response);
    }
  });
});
