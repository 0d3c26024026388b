import { expect, test } from "./fixtures";
import { expectSameNotFound } from "./support/not-found";

test.use({ locale: "en-GB" });

test("a visitor without a session is sent to sign-in from the staff areas", async ({ page }) => {
  for (const path of ["/support", "/studio"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin$/);
  }
});

test("a customer gets the same 404 as an unknown page in both staff areas", async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
  for (const path of ["/support", "/studio", "/support/anything", "/studio/purposes", "/studio/integrations/any-client/webhooks"]) {
    await expectSameNotFound(page, path);
  }
});

test("each staff role gets the same 404 in the other role's area", async ({ page, signIn }) => {
  await signIn(page, "agent@example.com");
  await expectSameNotFound(page, "/studio");
  await page.context().clearCookies();
  await signIn(page, "product@example.com");
  await expectSameNotFound(page, "/support");
});

test("the integration API answers unknown paths with JSON and ignores the session cookie", async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
  for (const method of ["GET", "POST", "DELETE"] as const) {
    const response = await page.request.fetch("/api/v1/customers/anything", { method });
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "There is nothing at this address." } });
  }
});
