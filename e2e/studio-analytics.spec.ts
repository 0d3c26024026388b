import type { APIResponse } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures";

test.use({ locale: "en-GB" });

/** Every count in a response body (JSON, or the JSON inside a page's RSC payload), by name. */
function countsIn(body: string): { name: string; value: number }[] {
  return [...body.matchAll(/\\?"(count|total|events)\\?":(-?\d+(?:\.\d+)?)/g)].map((m) => ({
    name: m[1]!,
    value: Number(m[2]),
  }));
}

async function expectNothingUnder10(response: APIResponse) {
  expect(response.status()).toBe(200);
  const counts = countsIn(await response.text());
  expect(counts.length).toBeGreaterThan(0);
  expect(counts.filter((c) => c.value < 10)).toEqual([]);
}

test("the product team watches consent answers move while Kari switches, with small groups never exact", async ({
  page,
  browser,
  signIn,
}) => {
  await signIn(page, "product@example.com");
  await page.getByRole("navigation", { name: "Product studio" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consent analytics" })).toBeVisible();
  await expect(page.getByText("< 10").first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Details for Product analytics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consent analytics: Product analytics" })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Line chart: share of customers per answer/ })).toBeVisible();
  // The chart's table view opens from the keyboard.
  await page.getByText("Show the figures as a table").first().focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("table", { name: "Customers per answer at the end of each day" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Kari switches product analytics; the figures on the open page follow without a reload.
  const now = page.getByRole("table", { name: "Customers per answer now: Product analytics" });
  const before = await now.innerText();
  const kari = await browser.newPage({ locale: "en-GB", baseURL: new URL(page.url()).origin });
  try {
    await signIn(kari, "kari@example.com");
    await kari.goto("/account/purposes");
    const toggle = kari.getByRole("article", { name: "Product analytics" }).getByRole("switch", { name: "Product analytics" });
    const was = await toggle.getAttribute("aria-checked");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", was === "true" ? "false" : "true");
    // The page asks every second: the bound is 2 seconds behind.
    await expect(now).not.toHaveText(before, { timeout: 2_000 });
    // Kari's choice back as it was: other journeys on this server start from the demo's state.
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", was ?? "false");
  } finally {
    await kari.close();
  }
  await expect(page.getByTestId("live-status")).toContainText("Updated");

  // What the browser receives holds no count under 10: the live JSON and the page itself.
  await expectNothingUnder10(await page.request.get("/studio/analytics/live.json"));
  await expectNothingUnder10(await page.request.get("/studio/analytics/product_analytics/live"));
  await expectNothingUnder10(await page.request.get("/studio/analytics/product_analytics"));
  await expectNothingUnder10(await page.request.get("/studio/analytics"));
  const detail = await (await page.request.get("/studio/analytics/product_analytics/live")).json();
  expect(detail.series).toHaveLength(90);
  expect(detail.cells.some((c: { count: number | null }) => c.count === null)).toBe(true);

  // Live updates can be paused (and resumed) for anyone who needs the page to hold still.
  await page.getByRole("button", { name: "Pause live updates" }).click();
  await expect(page.getByRole("button", { name: "Resume live updates" })).toHaveAttribute("aria-pressed", "true");
});

test("an unknown or malformed purpose is the same 404 as any unknown page", async ({ page, signIn }) => {
  await signIn(page, "product@example.com");
  for (const key of ["no_such_purpose", "Bad%20Key", "x".repeat(80)]) {
    expect((await page.goto(`/studio/analytics/${key}`))?.status(), key).toBe(404);
    expect((await page.request.get(`/studio/analytics/${key}/live`)).status(), key).toBe(404);
  }
});

test.describe("in Norwegian", () => {
  test.use({ locale: "nb-NO" });
  test("the analytics pages read in Norwegian and pass axe", async ({ page, signIn }) => {
    await signIn(page, "product@example.com");
    await page.goto("/studio/analytics");
    await expect(page.getByRole("heading", { level: 1, name: "Samtykkeanalyse" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/studio/analytics/newsletter");
    await expect(page.getByRole("heading", { level: 1, name: "Samtykkeanalyse: Nyhetsbrev" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Hvorfor kundene trakk tilbake" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
