import { readFile } from "node:fs/promises";
import { expect, expectNoAxeViolations, test } from "./fixtures";
import { englishAndJargonIn, readableText, technicalDetails } from "./support/one-language";

// One language at a time: a Norwegian reader meets Norwegian only, with the standards'
// terms (receipt ids, keys, articles, GPC) behind "Tekniske detaljer".

test.describe("in Norwegian", () => {
  test.use({ locale: "nb-NO" });

  test("Kari reads her purposes, her consent history and a receipt check without English or jargon", async ({
    page,
    signIn,
  }) => {
    await signIn(page, "kari@example.com");

    await page.goto("/account/purposes");
    await expect(page.getByRole("heading", { level: 1, name: "Hva vi bruker dataene dine til" })).toBeVisible();
    expect(englishAndJargonIn(await readableText(page))).toEqual([]);
    // A purpose's own page, with its facts.
    await page.goto("/account/purposes/order_sms");
    await expect(page.getByRole("heading", { level: 1, name: "Ordreoppdateringer på SMS" })).toBeVisible();
    expect(englishAndJargonIn(await readableText(page))).toEqual([]);
    await expect(page.getByText("Link Mobility AS (Norge, behandler på våre vegne)")).toBeVisible();

    await page.goto("/account/purposes/history");
    await expect(page.getByRole("heading", { level: 1, name: "Historikk for samtykkene dine" })).toBeVisible();
    expect(englishAndJargonIn(await readableText(page))).toEqual([]);
    // Granted and withdrawn differ by mark and word.
    const events = page.getByRole("list", { name: "Samtykkehendelser, nyeste først" }).getByRole("listitem");
    await expect(events.getByRole("heading", { name: /^Produktanalyse\W+Samtykke trukket$/ }).first()).toContainText(
      "✕ Samtykke trukket",
    );
    const smsGrant = events.filter({
      has: page.getByRole("heading", { name: /^Ordreoppdateringer på SMS\W+Samtykke gitt$/ }),
    });
    await expect(smsGrant.last().getByRole("heading")).toContainText("✓ Samtykke gitt");
    await expect(smsGrant.last().getByText("Teksten du så (på norsk)")).toBeVisible();
    // The signal's name is there for whoever looks for it.
    await smsGrant.last().getByText(technicalDetails).click();
    await expect(smsGrant.last().getByText("Global Privacy Control-signal")).toBeVisible();
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      smsGrant
        .last()
        .getByRole("link", { name: /^Last ned kvittering/ })
        .click(),
    ]);
    const jws = await readFile(await download.path(), "utf8");

    await page.goto("/receipts/verify");
    expect(englishAndJargonIn(await readableText(page))).toEqual([]);
    await page.getByLabel("Lim inn kvitteringen").fill(jws);
    await page.getByRole("button", { name: "Kontroller kvitteringen" }).click();
    await expect(page.getByRole("heading", { name: /^Gyldig: signert av Tillit Demo AS/ })).toBeVisible();
    expect(englishAndJargonIn(await readableText(page))).toEqual([]);
    const receipt = page.locator("section", { has: page.getByRole("heading", { name: "Hva kvitteringen sier" }) });
    await expect(receipt.locator('dt:text-is("Formål") + dd')).toHaveText("Ordreoppdateringer på SMS");
    await expect(receipt.locator('dt:text-is("Rettslig grunnlag") + dd')).toHaveText("Ditt samtykke");
    await expect(receipt.locator('dt:text-is("Hva som skjedde") + dd')).toHaveText("✓ Samtykke gitt");
    await receipt.getByText(technicalDetails).click();
    await expect(receipt.getByText("GDPR Art. 6(1)(a)")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("the data pages speak Norwegian, codes and countries in words", async ({ page, signIn }) => {
    await signIn(page, "kari@example.com");
    const categories = "identity contact addresses orders loyalty devices interactions tickets messages inferences";
    const paths = ["/account/data", ...categories.split(" ").map((c) => `/account/data/${c}`)];
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect({ path, found: englishAndJargonIn(await readableText(page)) }).toEqual({ path, found: [] });
    }
    await page.goto("/account/data/loyalty");
    await expect(page.getByRole("heading", { level: 1, name: "Kundeklubben" })).toBeVisible();
  });

  test("the access log gives the system's reason in Norwegian", async ({ page, signIn }) => {
    await signIn(page, "kari@example.com");
    await page.goto("/account/access");
    const staff = page.getByRole("region", { name: "Våre ansatte" }).getByRole("listitem");
    await expect(staff.filter({ hasText: "Behandle en forespørsel du har sendt oss om dataene dine" })).toHaveCount(1);
    // An agent's own words stay as they were written.
    await expect(staff.filter({ hasText: "Feil i adressen på faktura (SUP-12577)" })).toHaveCount(1);
    expect(englishAndJargonIn(await readableText(page))).toEqual([]);
  });
});

test.describe("in English", () => {
  test.use({ locale: "en-GB" });

  test("the access log gives the system's reason in English", async ({ page, signIn }) => {
    await signIn(page, "kari@example.com");
    await page.goto("/account/access");
    const staff = page.getByRole("region", { name: "Our staff" }).getByRole("listitem");
    await expect(staff.filter({ hasText: "Working on a request you sent us about your data" })).toHaveCount(1);
    await expect(page.getByText("data-subject request")).toHaveCount(0);
  });
});
