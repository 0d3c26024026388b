import { expect, expectNoAxeViolations, test } from "./fixtures";
import { expectSameNotFound } from "./support/not-found";

test.use({ locale: "en-GB" });

test(
  "an agent signs in by mail and lands on the support home, which lists what the role may do",
  { tag: "@smoke" },
  async ({ page, signInByEmail }) => {
    await signInByEmail(page, "agent@example.com");
    await expect(page).toHaveURL(/\/support$/);
    await expect(page.getByRole("heading", { level: 1, name: "Support" })).toBeVisible();
    await expect(page.getByText("Support agent", { exact: true })).toBeVisible();
    const can = page.getByRole("region", { name: "What your role may do" });
    await expect(can.getByRole("listitem")).toHaveText([
      /^Open a customer's record, only with a stated reason/,
      /^Reveal a masked field/,
      /^File a data-subject request for a customer/,
      /^Work the request queue/,
      /^Extend the deadline of a customer's request once/,
      /^Complete or reject a customer's correction/,
      /^Retry a background export or deletion/,
    ]);
    await expect(page.getByText(/shows it on that customer's own page/)).toBeVisible();
    await expectNoAxeViolations(page);
    // The logo and the front page lead back to the staff member's own home, never to /account.
    await expect(page.getByRole("link", { name: "Tillit", exact: true })).toHaveAttribute("href", "/support");
    await page.goto("/");
    await page.getByRole("link", { name: "Go to your workspace" }).click();
    await expect(page).toHaveURL(/\/support$/);
  },
);

test("a product team member signs in and lands on the studio home", async ({ page, signInByEmail }) => {
  await signInByEmail(page, "product@example.com");
  await expect(page).toHaveURL(/\/studio$/);
  await expect(page.getByRole("heading", { level: 1, name: "Product studio" })).toBeVisible();
  const can = page.getByRole("region", { name: "What your role may do" });
  await expect(can.getByRole("listitem")).toHaveCount(7);
  await expect(can).toContainText("Publish a new version of a purpose");
  await expectNoAxeViolations(page);
});

test.describe("in Norwegian", () => {
  test.use({ locale: "nb-NO" });
  test("both staff homes read in Norwegian and pass axe", async ({ page, signIn }) => {
    await signIn(page, "agent@example.com");
    await expect(page.getByRole("heading", { level: 1, name: "Kundestøtte" })).toBeVisible();
    await expect(page.getByText("Kundebehandler", { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.context().clearCookies();
    await signIn(page, "product@example.com");
    await expect(page.getByRole("heading", { level: 1, name: "Produktstudio" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test("the staff home is reached with the keyboard from the front page", async ({ page, signIn }) => {
  await signIn(page, "product@example.com");
  await page.goto("/");
  const link = page.getByRole("link", { name: "Go to your workspace" });
  for (let i = 0; i < 20 && !(await link.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/studio$/);
});

test("an agent finds Kari by a misspelt name, by keyboard, and sees masked details only", async ({ page, signIn }) => {
  await signIn(page, "agent@example.com");
  const search = page.getByRole("search", { name: "Find a customer" });
  const box = search.getByLabel("Name, email address or phone number");
  await box.focus();
  await page.keyboard.type("Kary Nordman");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/support\?q=Kary\+Nordman$/);
  const hits = page.getByRole("list", { name: "Customers found" }).getByRole("listitem");
  const kari = hits.filter({ hasText: "Kari N." });
  await expect(kari).toHaveCount(1);
  await expect(kari).toContainText("k•••@example.com");
  await expect(page.getByText("kari@example.com")).toHaveCount(0);
  await expect(page.getByText("Nordmann")).toHaveCount(0);
  await expect(box).toHaveValue("Kary Nordman");
  await expectNoAxeViolations(page);

  // Too short, or nothing found: said plainly, next to the field.
  await page.goto("/support?q=k");
  await expect(page.getByText("Enter at least 2 characters of a name, email address or phone number")).toBeVisible();
  await expect(search.getByLabel("Name, email address or phone number")).toHaveAttribute("aria-invalid", "true");
  await page.goto("/support?q=zzzzqqqq");
  await expect(page.getByText("No customer matches “zzzzqqqq”.")).toBeVisible();
});

test("customers and the product team cannot search: the same 404 as an unknown page", async ({ page, signIn }) => {
  for (const email of ["kari@example.com", "product@example.com"]) {
    await page.context().clearCookies();
    await signIn(page, email);
    await expectSameNotFound(page, "/support?q=Kari");
  }
});
