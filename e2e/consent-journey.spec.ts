import { expect, test } from "./fixtures";

test.use({ locale: "en-GB" });

test("Kari signs in by email, withdraws Personalised offers, and the choice survives a reload and a restart", async ({
  page,
  signInByEmail,
  app,
}) => {
  await signInByEmail(page, "kari@example.com");
  await expect(page.getByRole("heading", { name: "Hello, Kari" })).toBeVisible();

  await page.getByRole("link", { name: "See and change what your data is used for" }).click();
  const offers = page.getByRole("switch", { name: "Personalised offers", exact: true });
  await expect(offers).toHaveAttribute("aria-checked", "true");
  // Non-switchable purposes say why instead of offering a switch.
  await expect(page.getByRole("switch", { name: "Processing your orders" })).toHaveCount(0);
  await expect(
    page.getByText("This cannot be switched off because we need it to deliver what you bought"),
  ).toBeVisible();

  await offers.click();
  await expect(offers).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("status").filter({ hasText: "Switched off." })).toHaveCount(1);

  await page.reload();
  await expect(page.getByRole("switch", { name: "Personalised offers", exact: true })).toHaveAttribute(
    "aria-checked",
    "false",
  );

  await app.restart();
  await page.reload();
  await expect(page.getByRole("switch", { name: "Personalised offers", exact: true })).toHaveAttribute(
    "aria-checked",
    "false",
  );
  // The others kept their state too.
  await expect(page.getByRole("switch", { name: "Newsletter", exact: true })).toHaveAttribute("aria-checked", "true");
});
