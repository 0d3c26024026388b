import { expect, test } from "./fixtures";

test.use({ locale: "en-GB" });

test(
  "Kari signs in by email, withdraws the newsletter from the account home in one click, and it survives a reload and a restart",
  { tag: "@smoke" },
  async ({ page, signInByEmail, app }) => {
    await signInByEmail(page, "kari@example.com");
    await expect(page.getByRole("heading", { name: "Hello, Kari" })).toBeVisible();

    // Interaction 1 (of at most 2): the switch is on the home page itself.
    const consents = page.getByRole("region", { name: "Your consents" });
    const newsletter = consents.getByRole("switch", { name: "Newsletter", exact: true });
    await expect(newsletter).toHaveAttribute("aria-checked", "true");
    await newsletter.click();
    await expect(newsletter).toHaveAttribute("aria-checked", "false");
    await expect(consents.getByRole("status").filter({ hasText: "Switched off." })).toHaveCount(1);

    await page.reload();
    await expect(consents.getByRole("switch", { name: "Newsletter", exact: true })).toHaveAttribute(
      "aria-checked",
      "false",
    );
    await app.restart();
    await page.goto("/account/purposes");
    await expect(page.getByRole("switch", { name: "Newsletter", exact: true })).toHaveAttribute(
      "aria-checked",
      "false",
    );
    // Non-switchable purposes say why instead of offering a switch.
    await expect(page.getByRole("switch", { name: "Processing your orders" })).toHaveCount(0);
    await expect(
      page.getByText("This cannot be switched off because we need it to deliver what you bought"),
    ).toBeVisible();
    // The others kept their state too.
    await expect(page.getByRole("switch", { name: "Order updates by SMS", exact: true })).toHaveAttribute(
      "aria-checked",
      "true",
    );

    // Put the seeded state back.
    await page.getByRole("switch", { name: "Newsletter", exact: true }).click();
    await expect(page.getByRole("switch", { name: "Newsletter", exact: true })).toHaveAttribute("aria-checked", "true");
  },
);

test("every consent can be withdrawn from the account home in at most two interactions", async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
  const consents = page.getByRole("region", { name: "Your consents" });
  const rows = await consents.getByRole("listitem").all();
  expect(rows.length).toBeGreaterThanOrEqual(5);
  for (const row of rows) {
    // Route 1: its switch. While a new version waits for an answer (other specs may have
    // answered Kari's already), the row links to the prompt on this page, whose
    // "No, switch it off" withdraws.
    if ((await row.getByRole("switch").count()) === 1) continue;
    await expect(row.getByRole("link", { name: "See what changes, and answer" })).toBeVisible();
    const prompt = page.locator(
      `${await row.getByRole("link", { name: "See what changes, and answer" }).getAttribute("href")}`,
    );
    await expect(prompt.getByRole("button", { name: "No, switch it off" })).toBeVisible();
  }

  // Route 2: a purpose's name links to its card on the purposes page (interaction 1),
  // where its switch is (interaction 2).
  await consents.getByRole("link", { name: "Order updates by SMS" }).click();
  await expect(page).toHaveURL(/\/account\/purposes#purpose-order_sms$/);
  const sms = page.getByRole("switch", { name: "Order updates by SMS", exact: true });
  await sms.click();
  await expect(sms).toHaveAttribute("aria-checked", "false");
  // Put it back (a fresh grant, with a fresh lifetime).
  await sms.click();
  await expect(sms).toHaveAttribute("aria-checked", "true");
});
