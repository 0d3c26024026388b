import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures";
import { callAction } from "./support/actions";
import { areaActions, areaPages, areaRouteHandlers, fillParams } from "./support/area-routes";
import { expectSameNotFound } from "./support/not-found";

test.use({ locale: "en-GB" });

const key = `recipe-tips-${Date.now().toString(36)}`;
// A client id nobody has: every studio page and action must 404 for the wrong role before it looks.
const clientId = crypto.randomUUID();
const script = "<script>alert('tips')</script>";

/** Every page of the studio, from the file system; a dynamic segment gets the purpose's key or a client id. */
const studioPages = () => areaPages("app/(staff)/studio").map((pattern) => fillParams(pattern, { key, clientId }));

async function fillDraft(page: Page, texts: { nb: string; en: string }) {
  for (const [language, lead] of Object.entries(texts)) {
    await page.locator(`#${language}Name`).fill(`${lead} tips`);
    await page
      .locator(`#${language}Description`)
      .fill(`${lead}: ${language === "en" ? "We send you recipes." : "Vi sender deg oppskrifter."} ${script}`);
    await page.locator(`#${language}Benefit`).fill(language === "en" ? "Ideas for dinner." : "Ideer til middag.");
    await page
      .locator(`#${language}Consequence`)
      .fill(language === "en" ? "You get no recipes." : "Du får ingen oppskrifter.");
    await page.locator(`#${language}Retention`).fill(language === "en" ? "For 24 months." : "I 24 måneder.");
  }
}

test.describe.serial("the product studio", () => {
  test("a product member drafts a purpose in both languages, previews and publishes it; Kari consents", async ({
    page,
    browser,
    signIn,
  }) => {
    await signIn(page, "product@example.com");
    await page.getByRole("navigation", { name: "Product studio" }).getByRole("link", { name: "Purposes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Purposes" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Write a new purpose" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Write a new purpose" })).toBeVisible();

    // Bad input first: a key with spaces and capitals, a retention that is no duration.
    await page.getByLabel("Key", { exact: true }).fill("Recipe Tips");
    await fillDraft(page, { nb: "Oppskrift", en: "Recipe" });
    await page.getByLabel("Legal basis").selectOption("consent");
    await page.getByRole("checkbox", { name: "orders" }).check();
    await page.getByLabel("Retention period").fill("forever");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Use lowercase letters, digits, - and _ only, with no spaces.")).toBeVisible();
    await expect(page.getByText("Write a duration, such as")).toBeVisible();
    await expect(page.getByLabel("Key", { exact: true })).toBeFocused();
    await expect(page.getByRole("checkbox", { name: "orders" })).toBeChecked();
    await expectNoAxeViolations(page);

    await page.getByLabel("Key", { exact: true }).fill(key);
    await page.getByLabel("Retention period").fill("24 months");
    await page.getByRole("checkbox", { name: "email" }).check();
    await page.getByLabel("Recipients and processors").fill("Postmark; US; processor; email");
    await page.getByLabel("Benefit figure shown to the customer").selectOption("orders_delivered");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page).toHaveURL(new RegExp(`/studio/purposes/${key}\\?saved=1$`));
    await expect(page.getByRole("status").filter({ hasText: "Draft saved." })).toBeVisible();

    await page.getByRole("link", { name: "Preview and publish" }).click();
    const nb = page.getByRole("region", { name: "Norwegian (bokmål)" });
    const en = page.getByRole("region", { name: "English" });
    await expect(nb.getByRole("heading", { name: "Oppskrift tips" })).toBeVisible();
    await expect(nb.getByText("Hva du får")).toBeVisible();
    // The benefit figure, computed from the demo customer's own orders.
    await expect(page.getByText("The benefit figure is computed from the demo customer’s own data.")).toBeVisible();
    await expect(en.getByText(/^For you: in the last 12 months, \d+ orders? delivered to you/)).toBeVisible();
    await expect(en.getByRole("heading", { name: "Recipe tips" })).toBeVisible();
    // Markup in a text is shown as typed, never run.
    await expect(en.getByText(`Recipe: We send you recipes. ${script}`)).toBeVisible();
    await expect(page.locator("script", { hasText: "alert('tips')" })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page).toHaveURL(new RegExp(`/studio/purposes/${key}\\?published=1$`));
    await expect(page.getByRole("status").filter({ hasText: "Version 1 is published." })).toBeVisible();

    // The product member watches the new purpose's answers while Kari meets it.
    await page.goto(`/studio/analytics/${key}`);
    const never = page
      .getByRole("table", { name: "Customers per answer now: Recipe tips" })
      .locator('tr[data-category="never"]');
    // Nobody has answered yet: the empty groups would give "never" away as the total, so it is hidden too.
    await expect(never).toContainText("hidden");

    const kari = await browser.newPage({ locale: "en-GB", baseURL: new URL(page.url()).origin });
    await signIn(kari, "kari@example.com");
    await kari.goto("/account/purposes");
    const card = kari.getByRole("article", { name: "Recipe tips" });
    await expect(card.getByText(`Recipe: We send you recipes. ${script}`)).toBeVisible();
    await card.getByRole("switch", { name: "Recipe tips" }).click();
    await expect(card.getByRole("switch", { name: "Recipe tips" })).toHaveAttribute("aria-checked", "true");
    await kari.close();
    // The one who agreed is a group under 10, never shown exactly, and "never" stays hidden beside it.
    const granted = page
      .getByRole("table", { name: "Customers per answer now: Recipe tips" })
      .locator('tr[data-category="granted"]');
    await expect(granted).toContainText("< 10");
    await expect(never).toContainText("hidden");
  });

  test("a material edit asks Kari again; a second publish from a stale draft is refused", async ({
    page,
    browser,
    signIn,
  }) => {
    await signIn(page, "product@example.com");
    await page.goto(`/studio/purposes/${key}`);
    await expect(page.getByText("This draft starts from version 1")).toBeVisible();
    await page.locator("#enDescription").fill("Recipe: now chosen from what you bought.");
    await page.locator("#enChangeSummary").fill("We now choose recipes from what you bought.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Draft saved." })).toBeVisible();

    // A colleague opens the same draft's preview before it is published.
    const colleague = await browser.newPage({ locale: "en-GB", baseURL: new URL(page.url()).origin });
    await colleague.context().addCookies(await page.context().cookies());
    await colleague.goto(`/studio/purposes/${key}/preview`);
    await expect(colleague.getByRole("button", { name: "Publish" })).toBeVisible();

    await page.goto(`/studio/purposes/${key}/preview`);
    await page.getByRole("radio", { name: /^Yes: customers who agreed before are asked again/ }).check();
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Version 2 is published." })).toBeVisible();

    await colleague.getByRole("button", { name: "Publish" }).click();
    await expect(
      colleague.getByText("Someone else has published or changed this purpose since you opened it."),
    ).toBeVisible();
    await colleague.close();

    await page.context().clearCookies();
    await signIn(page, "kari@example.com");
    await page.goto("/account/purposes");
    const card = page.getByRole("article", { name: "Recipe tips" });
    await expect(card.getByText("On (version 1)")).toBeVisible();
    await card.getByRole("link", { name: /^See what changes, and answer ?: Recipe tips$/ }).click();
    await expect(page.getByText("Recipe tips: version 2 is waiting for your answer")).toBeVisible();
  });

  test("the audit page lists the changes newest first and verifies the chain", async ({ page, signIn }) => {
    await signIn(page, "product@example.com");
    await page.getByRole("navigation", { name: "Product studio" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(page.getByText(/^The chain is whole: \d+ entries verified\.$/)).toBeVisible();
    const rows = page.getByRole("table", { name: "Audit log entries, newest first" }).getByRole("row");
    await expect(rows.nth(1)).toContainText("Published a version");
    await expect(rows.nth(1)).toContainText(`purpose:${key}`);
    await expect(rows.filter({ hasText: "Saved a draft" }).first()).toContainText(
      "Recipe: now chosen from what you bought.",
    );
    await expect(page.getByRole("heading", { name: "Browsing-guard events to review" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test.describe("in Norwegian", () => {
    test.use({ locale: "nb-NO" });
    test("the studio's pages read in Norwegian and pass axe", async ({ page, signIn }) => {
      await signIn(page, "product@example.com");
      for (const [path, heading] of [
        ["/studio/purposes", "Formål"],
        ["/studio/purposes/new", "Skriv et nytt formål"],
        [`/studio/purposes/${key}`, `Rediger formålet «${key}»`],
        ["/studio/audit", "Endringslogg"],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
        await expectNoAxeViolations(page);
      }
      // Saving the published version opens a draft; its preview shows both languages.
      await page.goto(`/studio/purposes/${key}`);
      await page.getByRole("button", { name: "Lagre utkastet" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Utkastet er lagret." })).toBeVisible();
      await page.getByRole("link", { name: "Forhåndsvis og publiser" }).click();
      await expect(page.getByRole("heading", { level: 1, name: `Forhåndsvisning av «${key}»` })).toBeVisible();
      await expect(page.getByRole("region", { name: "Norsk (bokmål)" }).getByText("Hva du får")).toBeVisible();
      await expect(page.getByRole("region", { name: "Engelsk" }).getByText("What you get")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });

  test("customers and agents get the same 404 on every studio page and action", async ({ page, signIn, baseURL }) => {
    const pages = studioPages();
    expect(pages).toEqual(
      expect.arrayContaining([
        "/studio",
        "/studio/audit",
        "/studio/purposes",
        `/studio/purposes/${key}/preview`,
        "/studio/integrations",
        `/studio/integrations/${clientId}`,
        `/studio/integrations/${clientId}/webhooks`,
      ]),
    );
    const actions = areaActions("app/(staff)/studio", { key, clientId });
    expect(actions.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        "savePurposeDraftAction",
        "publishPurposeDraftAction",
        "retirePurposeAction",
        "createApiClientAction",
        "rotateApiClientTokenAction",
        "revokeApiClientAction",
        "createWebhookSubscriptionAction",
        "disableWebhookSubscriptionAction",
        "redeliverWebhookMessageAction",
      ]),
    );
    const fields: [string, string][] = [
      ["key", key],
      ["basedOnVersion", "2"],
      ["version", "2"],
      ["material", "yes"],
      ["name", "Sneaky system"],
      ["scopes", "consent.read"],
      ["country", "NO"],
      ["clientId", clientId],
      ["overlapHours", "0"],
      ["confirm", "yes"],
    ];
    const routes = areaRouteHandlers("app/(staff)/studio").map((pattern) => fillParams(pattern, { key: "newsletter" }));
    expect(routes).toEqual(
      expect.arrayContaining(["/studio/analytics/live.json", "/studio/analytics/newsletter/live"]),
    );
    for (const email of ["kari@example.com", "agent@example.com", null]) {
      await page.context().clearCookies();
      if (email) await signIn(page, email);
      for (const path of routes) {
        for (const method of ["GET", "HEAD", "POST", "OPTIONS"] as const) {
          const response = await page.request.fetch(path, { method, maxRedirects: 0 });
          expect(response.status(), `${email ?? "signed out"}: ${method} ${path}`).toBe(404);
        }
      }
      if (!email) continue;
      for (const studioPage of pages) await expectSameNotFound(page, studioPage);
      for (const action of actions) {
        const response = await callAction(page.request, { action, baseURL: baseURL!, fields });
        expect(response.status(), `${email} ${action.name}`).toBe(404);
      }
    }
    // The purpose is untouched: still version 2, in force.
    await page.context().clearCookies();
    await signIn(page, "product@example.com");
    await page.goto("/studio/purposes");
    await expect(page.getByRole("row", { name: new RegExp(key) })).toContainText("Version 2 published");
  });

  test("retiring the purpose stops it, and Kari is told from when", async ({ page, signIn }) => {
    await signIn(page, "product@example.com");
    await page.goto(`/studio/purposes/${key}`);
    await expect(page.getByText("Version 2 is in force.")).toBeVisible();
    await page.getByRole("button", { name: `Retire “${key}”` }).click();
    await expect(page.getByRole("status").filter({ hasText: "The purpose is retired." })).toBeVisible();
    await page.goto("/studio/purposes");
    await expect(page.getByRole("row", { name: new RegExp(key) })).toContainText("Retired");

    await page.context().clearCookies();
    await signIn(page, "kari@example.com");
    await page.goto("/account/purposes");
    await expect(page.getByRole("article", { name: "Recipe tips" })).toHaveCount(0);
    const retired = page.getByRole("region", { name: "No longer used" });
    await expect(retired).toContainText(/Recipe tips: no longer used since .*\d{4}\./);
    await expectNoAxeViolations(page);
  });
});
