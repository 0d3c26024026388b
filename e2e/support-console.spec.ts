import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures";
import { expectSameNotFound } from "./support/not-found";

// The support console's accountable view: an agent opens Kari only with a reason, sees her
// masked, reveals her phone as one more logged step; Kari sees each look at once, in her
// language; a support code from Kari opens her record as verified.

async function findKari(page: Page, misspelt: string, linkName = "Kari N.") {
  const search = page.getByRole("search");
  await search.getByRole("searchbox").fill(misspelt);
  await search.getByRole("searchbox").press("Enter");
  await page.getByRole("link", { name: linkName }).click();
  await expect(page).toHaveURL(/\/support\/customers\/[A-Za-z0-9-]+$/);
}

async function switchTo(page: Page, signIn: (page: Page, email: string) => Promise<void>, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
}

test.describe("in English", () => {
  test.use({ locale: "en-GB" });

  test(
    "an agent opens Kari with a case reference and reveals her phone; Kari sees it, then opens with a support code",
    { tag: "@smoke" },
    async ({ page, signIn }) => {
      const caseReference = `SUP-${Date.now()}`;
      // Not a journey about signing in (staff-home's is): the agent's session from it will do.
      await signIn(page, "agent@example.com");
      await findKari(page, "Kary Nordman");
      await expect(page.getByRole("heading", { level: 1, name: "Open a customer" })).toBeVisible();
      const card = page.getByRole("region", { name: "The customer you are about to open" });
      await expect(card).toContainText("k•••@example.com");
      await expect(card).toContainText("+47 ••• •• 567");
      await expect(card).toContainText(/Customer number\s*1\d{5}/);
      await expect(page.getByText("kari@example.com")).toHaveCount(0);
      await expectNoAxeViolations(page);

      // A customer's request without a case, and no reason: refused, nothing opened.
      const form = page.getByRole("region", { name: "Open with a reason" });
      await form.getByLabel("The customer asked for help").check();
      await form.getByRole("button", { name: "Open the customer" }).click();
      await expect(form.getByText("Give the customer service case number.")).toBeVisible();
      await expect(form.getByText("Write why you are opening this customer.")).toBeVisible();
      await expect(page.getByRole("heading", { name: /^Customer \d+/ })).toHaveCount(0);

      await form.getByLabel("Customer service case number").fill(caseReference);
      await form.getByLabel("Reason").fill("Kari called about a late parcel");
      await form.getByRole("button", { name: "Open the customer" }).click();
      const view = page.getByRole("article", { name: /^Customer \d+/ });
      await expect(view).toBeVisible();
      const details = view.getByRole("region", { name: "Personal details" });
      await expect(details).toContainText("Kari N.");
      await expect(details).toContainText("+47 ••• •• 567");
      await expect(details).not.toContainText("Nordmann");
      await expect(view.getByRole("region", { name: "Purposes and consents" })).toContainText("Newsletter");
      await expect(view.getByRole("region", { name: "Data held" })).toContainText(/orders/i);
      await expectNoAxeViolations(page);

      // A contact detail without a support code needs the second confirmation.
      await details.getByRole("button", { name: "Show phone number" }).click();
      await expect(details.getByText("Confirm that you need this to help the customer now.")).toBeVisible();
      await expect(details).not.toContainText("912 34 567");
      await details.getByLabel("I need this to help the customer now").check();
      await details.getByRole("button", { name: "Show phone number" }).click();
      await expect(details).toContainText("+47 912 34 567");

      // On the phone, Kari asks for a copy of her data: the agent files it for her.
      await view.getByRole("link", { name: "File a request for this customer" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "File a request for Kari N." })).toBeVisible();
      await page.getByRole("radio", { name: /^Export/ }).check();
      await page.getByRole("radio", { name: "By phone" }).check();
      await page.getByRole("button", { name: "File the request" }).click();
      await expect(page).toHaveURL(/\/support\/requests\/[0-9a-f-]{36}\?filed=1$/);
      const filedRequest = new URL(page.url()).pathname.split("/").pop()!;

      // Kari sees both looks at once, with the category, the case and the reason as typed.
      await switchTo(page, signIn, "kari@example.com");
      await page.goto("/account/access");
      const entries = page.getByRole("region", { name: "Our staff" }).getByRole("listitem");
      const revealed = entries.filter({ hasText: "revealed your phone number" }).filter({ hasText: caseReference });
      await expect(revealed).toHaveCount(1);
      await expect(revealed).toContainText(`Kind of reasonYou asked us for help, case ${caseReference}`);
      await expect(revealed).toContainText("Reason givenKari called about a late parcel");
      await expect(
        entries.filter({ hasText: "opened your account" }).filter({ hasText: caseReference }),
      ).not.toHaveCount(0);
      // … and the request filed for her, with who filed it and how.
      await page.goto("/account/requests");
      const filed = page
        .getByRole("listitem")
        .filter({ has: page.locator(`a[href="/account/requests/${filedRequest}"]`) });
      await expect(filed).toHaveCount(1);
      await expect(filed).toContainText(/Filed for you by Siri, by phone, on /);

      // Kari shows a support code and reads it to the agent.
      await page.goto("/account/access");
      await page.getByRole("link", { name: "Talking to customer service? Show a support code" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Support code" })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "Show a support code" }).click();
      const digits = page.locator("p.font-mono");
      await expect(digits).toHaveText(/^\d{3} \d{3}$/);
      const code = (await digits.innerText()).replace(/\s/g, "");
      await expect(page.getByText("Your latest code has not been used yet.")).toBeVisible();
      await expectNoAxeViolations(page);

      await switchTo(page, signIn, "agent@example.com");
      await findKari(page, "Kari Nordmann");
      const byCode = page.getByRole("region", { name: "Or: the customer gives you a support code" });
      const wrong = code === "000000" ? "000001" : "000000";
      await byCode.getByLabel("Support code").fill(wrong);
      await byCode.getByRole("button", { name: "Open with the code" }).click();
      await expect(byCode.getByText("The code is wrong, has expired or has been used.")).toBeVisible();
      await byCode.getByLabel("Support code").fill(code);
      await byCode.getByRole("button", { name: "Open with the code" }).click();
      const verified = page.getByRole("article", { name: /^Customer \d+/ });
      await expect(verified.getByText("Verified by support code")).toBeVisible();
      // Verified: the phone number needs no second confirmation.
      await verified.getByRole("button", { name: "Show phone number" }).click();
      await expect(verified).toContainText("+47 912 34 567");
      await expectNoAxeViolations(page);

      await switchTo(page, signIn, "kari@example.com");
      await page.goto("/account/access");
      const verifiedEntries = page
        .getByRole("region", { name: "Our staff" })
        .getByRole("listitem")
        .filter({ hasText: "Confirmed by you with a support code" });
      await expect(verifiedEntries.first()).toContainText(
        "You asked for help and confirmed it was you with a support code",
      );
      await page.goto("/account/support-code");
      await expect(page.getByText(/Your latest code was used by customer service/)).toBeVisible();
    },
  );

  test("an unknown or malformed customer is the same not-found; customers and the product team get it too", async ({
    page,
    signIn,
  }) => {
    await signIn(page, "agent@example.com");
    await findKari(page, "Kari Nordmann");
    const kariPage = new URL(page.url()).pathname;
    for (const id of ["00000000-0000-0000-0000-000000000000", "not%20an%20id"]) {
      await expectSameNotFound(page, `/support/customers/${id}`);
    }
    for (const email of ["kari@example.com", "product@example.com"]) {
      await switchTo(page, signIn, email);
      await expectSameNotFound(page, kariPage);
    }
  });
});

test.describe("in Norwegian", () => {
  test.use({ locale: "nb-NO" });

  test("an agent opens Kari for a security check, and Kari reads it in Norwegian", async ({ page, signIn }) => {
    await signIn(page, "agent@example.com");
    await findKari(page, "Kary Nordman");
    await expect(page.getByRole("heading", { level: 1, name: "Åpne en kunde" })).toBeVisible();
    await expectNoAxeViolations(page);
    const form = page.getByRole("region", { name: "Åpne med en grunn" });
    await form.getByLabel("Kontroll mot svindel eller for sikkerheten").check();
    await form.getByLabel("Grunn", { exact: true }).fill("Uvanlig innlogging fra nytt land");
    await form.getByRole("button", { name: "Åpne kunden" }).click();
    await expect(page.getByRole("article", { name: /^Kunde \d+/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "Personopplysninger" })).toContainText("Kari N.");
    await expectNoAxeViolations(page);

    await switchTo(page, signIn, "kari@example.com");
    await page.goto("/account/access");
    const entry = page
      .getByRole("region", { name: "Våre ansatte" })
      .getByRole("listitem")
      .filter({ hasText: "Uvanlig innlogging fra nytt land" })
      .first();
    await expect(entry).toContainText("Type grunnKontroll mot svindel eller for sikkerheten");
    await page.goto("/account/support-code");
    await expect(page.getByRole("heading", { level: 1, name: "Kundeservicekode" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
