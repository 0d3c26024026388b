import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

test.use({ locale: "en-GB" });

// Every test puts back what it changes in Kari's consents (a restriction is lifted, an
// objection withdrawn), so other specs in the same run see her as seeded.

const longDate = (day: string) =>
  new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "Europe/Oslo" }).format(new Date(`${day}T12:00:00Z`));

const todayInOslo = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(new Date());

/** The Oslo date one calendar month after now (31 Jan → 28/29 Feb), as the app counts it. */
function oneMonthFromToday(): string {
  const [y, m, d] = todayInOslo().split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(y, m, Math.min(d, last)));
  return target.toISOString().slice(0, 10);
}

/** The value beside a term in a request's facts ("Status" → "In force"). */
const fact = (scope: Locator, term: string) =>
  scope
    .locator("dt")
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]");

const requestCards = (page: Page) => page.getByRole("region", { name: "Requests you have made" }).getByRole("article");

async function openRequests(page: Page) {
  await page.goto("/account/requests");
  await expect(page.getByRole("heading", { level: 1, name: "Your requests" })).toBeVisible();
}

test.beforeEach(async ({ page, signIn }) => {
  await signIn(page, "kari@example.com");
});

test("Kari sees her requests with due dates and the reason her deadline was extended", async ({ page }) => {
  await openRequests(page);
  await expect(page.getByText("GDPR Articles 15–21")).toBeVisible();
  for (const entry of [
    "Download my data",
    "Delete my account",
    "Restrict processing",
    "Object to processing",
    "Ask us to correct something",
  ]) {
    await expect(page.getByRole("link", { name: entry, exact: true })).toBeVisible();
  }
  const extended = requestCards(page).filter({ hasText: "Vi sjekker ordren med lageret vårt" });
  // Titled by what was asked, not only by kind.
  await expect(extended.getByRole("heading")).toHaveText("Correction: your loyalty membership and points");
  await expect(extended).toContainText("In progress");
  await expect(extended).toContainText("Answer due by");
  await expect(extended).toContainText(/Extended to \w+ \d{1,2}, \d{4} because: Vi sjekker ordren/);
  // Other journeys leave Kari completed exports too: find the answered correction by its title.
  const answered = requestCards(page)
    .filter({ hasText: "Completed" })
    .filter({ has: page.getByRole("heading", { name: "Correction: your orders", exact: true }) });
  await expect(answered).toHaveCount(1);

  await extended
    .getByRole("link", { name: /^Details: Correction: your loyalty membership and points, received/ })
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Correction: your loyalty membership and points" }),
  ).toBeVisible();
  await expect(page).toHaveTitle("Correction: your loyalty membership and points · Tillit");
  await expect(
    page.getByText(/We must answer within one month of receiving it: by \w+ \d{1,2}, \d{4}\./),
  ).toBeVisible();
  await expect(page.getByText(/We have extended the deadline to .+ Our reason: Vi sjekker ordren/)).toBeVisible();
  const timeline = page.getByRole("region", { name: "What has happened" }).getByRole("listitem");
  await expect(timeline).toHaveCount(3);
  await expect(timeline.nth(0)).toContainText("Received");
  await expect(timeline.nth(2)).toContainText("Deadline extended");
  await expect(timeline.nth(2)).toContainText("Our note: Vi sjekker ordren");
});

test("a restriction pauses a consent at once, and lifting it resumes it", async ({ page }) => {
  await openRequests(page);
  await page.getByRole("link", { name: "Restrict processing", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Restrict processing" })).toBeVisible();
  await page.getByRole("button", { name: "Restrict processing" }).click();
  // Told once, under the question; the summary does not repeat it.
  await expect(page.getByText("Choose why you want to restrict the use of your data.")).toHaveCount(1);
  await expect(page.getByRole("alert").filter({ hasText: "Please check what you entered." })).toBeVisible();
  await expect(
    page.getByRole("group", { name: "Why do you want to restrict the use of your data?" }),
  ).toHaveAccessibleDescription("Choose why you want to restrict the use of your data.");

  await page.getByLabel("Some of my data is wrong, and you should not use it until it has been checked").check();
  await page.getByLabel("Anything you want to add (optional)").fill("My address on the invoices is wrong");
  await page.getByRole("button", { name: "Restrict processing" }).click();
  await expect(page).toHaveURL(/\/account\/requests\/[0-9a-f-]{36}\?filed=1$/);
  await expect(page.getByRole("status").filter({ hasText: "We have received your request." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Restriction of processing" })).toBeVisible();
  await expect(page.getByText("In force: the use of your data is paused.")).toBeVisible();
  // In force is not over: never "Completed" or "closed" while it holds.
  const facts = page.getByRole("region", { name: "Details of this request" });
  await expect(fact(facts, "Status")).toHaveText("In force");
  await expect(fact(facts, "In force since")).toHaveText(longDate(todayInOslo()));
  await expect(facts).toContainText("The restriction stays in force until you lift it.");
  await expect(facts).not.toContainText("Completed");
  await expect(page.getByText("This request is closed.")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "What has happened" }).getByRole("listitem")).toContainText([
    "Received",
    "In force",
  ]);
  const detailUrl = page.url().replace("?filed=1", "");
  await openRequests(page);
  const inForce = requestCards(page).filter({ hasText: "Restriction of processing" }).first();
  await expect(fact(inForce, "Status")).toHaveText("In force");
  await expect(fact(inForce, "In force since")).toHaveText(longDate(todayInOslo()));
  await expect(inForce).not.toContainText("Completed");

  await page.goto("/account/purposes");
  const newsletter = page.getByRole("article", { name: "Newsletter" });
  await expect(newsletter).toContainText("Paused: you restricted the use of your data on");
  // Her choice stays what she chose; only its use is paused.
  await expect(newsletter.getByRole("switch", { name: "Newsletter", exact: true })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await expect(page.getByRole("article", { name: "Asking how it went" })).toContainText("Paused");
  await page.goto("/account");
  await expect(page.getByText(/Paused since .+, because you restricted the use of your data\./).first()).toBeVisible();

  await page.goto(detailUrl);
  await page.getByRole("button", { name: "Lift the restriction" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The restriction is lifted." })).toBeVisible();
  await expect(
    page.getByText(`You lifted this restriction on ${longDate(todayInOslo())}. This request is closed.`),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "What has happened" }).getByRole("listitem")).toContainText([
    "Received",
    "In force",
    "Lifted",
  ]);
  await page.goto("/account/purposes");
  await expect(page.getByRole("article", { name: "Newsletter" })).not.toContainText("Paused");
  await openRequests(page);
  const lifted = requestCards(page).filter({ hasText: "Restriction of processing" }).first();
  await expect(fact(lifted, "Status")).toHaveText("Lifted");
  await expect(fact(lifted, "Lifted on")).toHaveText(longDate(todayInOslo()));
  await expect(lifted).not.toContainText("In force");
});

test("an objection to service surveys takes effect at once and is listed completed", async ({ page }) => {
  await page.goto("/account/requests/object");
  await page.getByRole("button", { name: "Send objection" }).click();
  await expect(page.getByText("Tick at least one use, or describe what you object to.")).toHaveCount(1);
  await expect(page.getByRole("group", { name: "Uses you object to" })).toHaveAccessibleDescription(
    "Tick at least one use, or describe what you object to.",
  );
  await page.getByRole("checkbox", { name: "Asking how it went" }).check();
  await page.getByLabel("Your reason, or what else you object to (optional)").fill("Too many surveys");
  await page.getByRole("button", { name: "Send objection" }).click();
  await expect(page).toHaveURL(/\/account\/requests\/[0-9a-f-]{36}\?filed=1$/);
  await expect(page.getByRole("heading", { level: 1, name: "Objection: Asking how it went" })).toBeVisible();
  await expect(page).toHaveTitle("Objection: Asking how it went · Tillit");
  await expect(page.getByText(/We stopped this use of your data when we received your objection\./)).toBeVisible();
  await expect(page.getByRole("link", { name: "the purposes page" })).toHaveAttribute("href", "/account/purposes");
  await expect(page.getByRole("definition").filter({ hasText: "Asking how it went" })).toBeVisible();

  await openRequests(page);
  const objection = requestCards(page).filter({ hasText: "Objection: Asking how it went" }).first();
  await expect(objection).toContainText("Completed");

  await page.goto("/account/purposes");
  const surveys = page.getByRole("article", { name: "Asking how it went" });
  await expect(surveys).toContainText("Not used: you objected");
  // Put back what the seed had.
  await surveys.getByRole("button", { name: "Withdraw my objection" }).click();
  await expect(surveys.getByRole("status")).toHaveText("Your objection is withdrawn.");
  await page.reload();
  await expect(page.getByRole("article", { name: "Asking how it went" })).toContainText("In use");
});

test("a correction request is listed as received, due one month later — filed with the keyboard alone", async ({
  page,
}) => {
  await openRequests(page);
  const entry = page.getByRole("link", { name: "Ask us to correct something", exact: true });
  for (let i = 0; i < 60 && !(await entry.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(entry).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Ask us to correct something" })).toBeVisible();

  const category = page.getByLabel("What kind of data is wrong?");
  const description = page.getByLabel("What is wrong, and what should it be?");
  const submit = page.getByRole("button", { name: "Send request" });
  // Nothing is chosen for her: not even the addresses she corrects on her profile.
  await expect(category).toHaveValue("");
  await expect(category.locator("option:checked")).toHaveText("Choose…");
  // Submitting empty: each error is told once, linked to its field; the first field gets focus.
  await submit.focus();
  await page.keyboard.press("Enter");
  await expect(category).toBeFocused();
  await expect(category).toHaveAttribute("aria-invalid", "true");
  await expect(category).toHaveAccessibleDescription("Choose what kind of data is wrong.");
  await expect(description).toHaveAttribute("aria-invalid", "true");
  await expect(description).toHaveAccessibleDescription(/^Describe what is wrong\./);
  for (const error of ["Choose what kind of data is wrong.", "Describe what is wrong."]) {
    await expect(page.getByText(error, { exact: true })).toHaveCount(1);
  }
  await expect(page.getByRole("alert").filter({ hasText: "Please check what you entered." })).toBeVisible();

  await category.selectOption({ label: "Orders" });
  await page.keyboard.press("Tab");
  await expect(description).toBeFocused();
  await page.keyboard.type("Order 1042 shows the wrong size");
  await page.keyboard.press("Tab");
  await expect(submit).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/account\/requests\/[0-9a-f-]{36}\?filed=1$/);
  await expect(page.getByText("Order 1042 shows the wrong size")).toBeVisible();
  const due = longDate(oneMonthFromToday());
  await expect(page.getByText(`We must answer within one month of receiving it: by ${due}.`)).toBeVisible();

  await openRequests(page);
  const filed = requestCards(page).filter({ hasText: "Order 1042 shows the wrong size" });
  await expect(filed).toHaveCount(0); // the list shows facts, not the customer's words
  const newest = requestCards(page).first();
  await expect(newest.getByRole("heading")).toHaveText("Correction: your orders");
  await expect(newest).toContainText("Received");
  await expect(newest).toContainText(due);
});
