import { expect, expectNoAxeViolations, test } from "./fixtures";

test.use({ locale: "en-GB" });

const kari = "kari@example.com";

test("Kari sees what each purpose concretely gave her, computed from her own data", async ({ page, signIn }) => {
  await signIn(page, kari);
  await page.goto("/account/purposes");
  const card = (name: string) => page.getByRole("article", { name, exact: true });
  await expect(card("Order updates by SMS")).toContainText("For you: 18 order updates by SMS in the last 12 months.");
  // Only what really happened: her returned orders neither saved her money nor count as addresses skipped.
  await expect(card("Personalised offers")).toContainText(
    /For you: personalised offers you used saved you NOK\s?185\.00 in the last 12 months\./,
  );
  await expect(card("Processing your orders")).toContainText(
    "For you: in the last 12 months, 12 orders delivered to you, and you skipped typing in your address 10 times.",
  );
  await expect(card("Loyalty programme")).toContainText(
    "For you: you earned 1,647 points in the last 12 months. Your balance is 1,447 points.",
  );
  // No figure is possible, and no benefit pretended: these say plainly what they give the company.
  for (const name of ["Product analytics", "Asking how it went"]) {
    await expect(card(name)).not.toContainText("For you:");
    await expect(card(name)).toContainText("What you get: No direct benefit to you. ");
  }
  await expect(card("Product analytics")).toContainText("It helps us see where the web shop and the app are awkward");
  await expect(card("Asking how it went")).toContainText("Your answers show us what went wrong");
});

test("Kari objects to a legitimate-interest purpose, and withdraws the objection", async ({ page, signIn }) => {
  await signIn(page, kari);
  await page.goto("/account/purposes");
  const card = page.getByRole("article", { name: "Asking how it went" });
  await expect(card).toContainText("In use");
  await expect(card.getByRole("switch")).toHaveCount(0);
  await card.getByRole("button", { name: "Object to this use" }).click();
  await expect(card.getByRole("status")).toHaveText("Your objection is recorded. We no longer use your data for this.");

  await page.reload();
  await expect(card).toContainText("Not used: you objected");
  await expect(card).toContainText(/You objected on [\w ,]+ \d{4}\./);
  await card.getByRole("button", { name: "Withdraw my objection" }).click();
  await expect(card.getByRole("status")).toHaveText("Your objection is withdrawn.");
  await page.reload();
  await expect(card.getByRole("button", { name: "Object to this use" })).toBeVisible();
});

test("Kari meets the re-consent prompt for a new purpose version and the renewal prompt, and answers both from the home page", async ({
  page,
  signIn,
}) => {
  await signIn(page, kari);
  const prompts = page.getByRole("region", { name: "Needs your answer" });
  const offersPrompt = prompts.getByRole("region", {
    name: "Personalised offers: version 2 is waiting for your answer",
  });
  await expect(offersPrompt).toContainText(/You agreed to version 1 on [\w ,]+ \d{4}\. It still applies/);
  await expect(offersPrompt).toContainText("New in version 2: we also use your loyalty points");
  await expect(prompts).toContainText(/Order updates by SMS: your consent ends on [\w ,]+ \d{4}\./);
  // Accept and decline look the same: same element, same classes.
  const accept = prompts.getByRole("button", { name: "Agree to version 2" });
  const decline = prompts.getByRole("button", { name: "No, switch it off" });
  expect(await accept.getAttribute("class")).toBe(await decline.getAttribute("class"));
  await expectNoAxeViolations(page);

  // Until answered, the purposes page shows the state instead of a switch, and the purpose's
  // own page shows the prompt with what changes.
  await page.goto("/account/purposes");
  const offers = page.getByRole("article", { name: "Personalised offers" });
  await expect(offers).toContainText("On (version 1)");
  await expect(offers.getByRole("switch")).toHaveCount(0);
  await offers.getByRole("link", { name: /^See what changes, and answer ?: Personalised offers$/ }).click();
  await expect(page).toHaveURL(/\/account\/purposes\/personalised_offers#version-change-personalised_offers$/);
  const ownPage = page.getByRole("article", { name: "Personalised offers" });
  await expect(
    ownPage.getByRole("heading", { name: "Personalised offers: version 2 is waiting for your answer" }),
  ).toBeVisible();
  await expect(ownPage.getByRole("button", { name: "Agree to version 2" })).toBeVisible();
  await expect(ownPage.getByRole("switch")).toHaveCount(0);

  await page.goto("/account");
  await accept.click();
  await expect(prompts.getByRole("status").filter({ hasText: "You have agreed to version 2." })).toHaveCount(1);
  await prompts.getByRole("button", { name: "Renew for 24 months" }).click();
  await expect(prompts.getByRole("status").filter({ hasText: "Renewed." })).toHaveCount(1);

  await page.reload();
  await expect(page.getByRole("region", { name: "Needs your answer" })).toHaveCount(0);
  await page.goto("/account/purposes");
  await expect(page.getByRole("switch", { name: "Personalised offers", exact: true })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  const inTwoYears = new Date(Date.now() + 729 * 24 * 60 * 60 * 1000).getFullYear();
  await page.goto("/account/purposes/order_sms");
  await expect(page.getByRole("article", { name: "Order updates by SMS" })).toContainText(
    new RegExp(`Consent lastsUntil [\\w ,]+ ${inTwoYears}`),
  );
});

test("a browser that sends Global Privacy Control opts Ola out of sharing with the delivery partner, and the page says why", async ({
  browser,
  baseURL,
  signIn,
}) => {
  const context = await browser.newContext({ baseURL, locale: "en-GB", extraHTTPHeaders: { "Sec-GPC": "1" } });
  try {
    const page = await context.newPage();
    await signIn(page, "ola@example.com");
    await page.goto("/account/purposes");
    const card = page.getByRole("article", { name: "Sharing with delivery partner" });
    await expect(card).toContainText("Shares your data with another company");
    await expect(card.getByRole("switch")).toHaveAttribute("aria-checked", "false");
    await expect(card).toContainText(/because your browser sent a Global Privacy Control signal/);
    // Only purposes that share data are affected.
    await expect(page.getByRole("article", { name: "Newsletter" })).not.toContainText("Global Privacy Control");
  } finally {
    await context.close();
  }
});
