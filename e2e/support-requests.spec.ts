import { expect, expectNoAxeViolations, test } from "./fixtures";
import { callAction, serverAction } from "./support/actions";
import { expectSameNotFound } from "./support/not-found";

test.use({ locale: "en-GB" });

test("an agent files an export for Kari by phone, works it in the queue, and Kari reads every step", async ({
  page,
  signIn,
}) => {
  await signIn(page, "agent@example.com");
  await page.getByRole("link", { name: "Open the request queue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Request queue" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Kari's open correction (demo data) leads to her, masked, and to filing for her.
  await page
    .getByRole("link", { name: /^Open the Correction request for Kari N\./ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /Correction for Kari N\./ })).toBeVisible();
  await expect(page.getByText("Opening this request was recorded in the customer's access log")).toBeVisible();
  const fileLink = page.getByRole("link", { name: "File another request for this customer" });
  const filePath = await fileLink.getAttribute("href");
  expect(filePath).toMatch(/^\/support\/customers\/[0-9a-f-]{36}\/requests\/new$/);
  await page.goto(filePath!);
  await expect(page.getByRole("heading", { level: 1, name: "File a request for Kari N." })).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing chosen: each question says what it needs, and nothing is filed.
  const form = page.locator("form:has(input[name=customerId])");
  await form.getByRole("button", { name: "File the request" }).click();
  await expect(page.locator("#kind-error")).toHaveText("Choose what the customer asks for.");
  await expect(page.locator("#channel-error")).toHaveText("Choose how the request came in.");
  await expect(page.getByRole("alert").filter({ hasText: "Please check what you entered." })).toBeVisible();

  await page.getByRole("radio", { name: /^Export/ }).check();
  await page.getByRole("radio", { name: "By phone" }).check();
  await form.getByRole("button", { name: "File the request" }).click();
  await expect(page).toHaveURL(/\/support\/requests\/[0-9a-f-]{36}\?filed=1$/);
  await expect(page.getByRole("heading", { level: 1, name: "Export for Kari N." })).toBeVisible();
  await expect(page.getByText("The request is filed.")).toBeVisible();
  const requestPath = new URL(page.url()).pathname;
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Assign to me" }).click();
  await expect(page.getByText("Assigned to you.", { exact: true })).toBeVisible();

  // A rejection without a note is refused with its reason; nothing changes.
  const status = page.getByRole("region", { name: "Change the status" });
  await status.getByLabel("New status").selectOption({ label: "Rejected" });
  await status.getByRole("button", { name: "Change status" }).click();
  await expect(status.locator("#status-note-error")).toHaveText("Tell the customer why: a rejection needs a note.");

  // A filed export is the customer's to start: the agent can only withdraw one filed by mistake.
  await expect(status.getByLabel("New status").locator("option", { hasText: "In progress" })).toHaveCount(0);
  await status.getByLabel("New status").selectOption({ label: "Rejected" });
  await status.getByLabel("Note to the customer").fill("Filed twice by mistake; the first one stands.");
  await status.getByRole("button", { name: "Change status" }).click();
  const history = page.getByRole("region", { name: "History the customer sees" });
  await expect(history.getByText("Note: Filed twice by mistake; the first one stands.")).toBeVisible();
  await expect(history.getByRole("listitem").last()).toContainText("Rejected");
  await expect(history.getByRole("listitem").last()).toContainText("by Siri");

  // In the queue, among the agent's own.
  await page.goto("/support/requests?assignee=me&kind=export&status=all");
  await expect(page.getByRole("link", { name: /^Open the Export request for Kari N\./ })).toBeVisible();
  const row = page.getByRole("row", { name: /Kari N\./ });
  await expect(row).toContainText("Siri");
  await expect(row).toContainText("Phone");

  // Kari sees who filed it, how, and each step with its note.
  await page.context().clearCookies();
  await signIn(page, "kari@example.com");
  await page.goto("/account/requests");
  await expect(page.getByText(/^Filed for you by Siri, by phone, on /).first()).toBeVisible();
  await page.goto(requestPath.replace("/support/requests/", "/account/requests/"));
  await expect(page.getByRole("heading", { level: 1, name: "Export of your data" })).toBeVisible();
  const timeline = page.getByRole("region", { name: "What has happened" });
  await expect(timeline.getByText("Our note: Filed twice by mistake; the first one stands.")).toBeVisible();
  await expect(timeline.getByRole("listitem").last()).toContainText("by Siri (customer service)");
  await expectNoAxeViolations(page);
});

test("unknown or malformed customers and requests are the same not-found; the queue ignores bad parameters", async ({
  page,
  signIn,
}) => {
  await signIn(page, "agent@example.com");
  await expectSameNotFound(page, "/support/customers/00000000-0000-4000-8000-000000000000/requests/new");
  await expectSameNotFound(page, "/support/customers/not%20an%20id/requests/new");
  await expectSameNotFound(page, "/support/requests/00000000-0000-4000-8000-000000000000");
  await expectSameNotFound(page, "/support/requests/nope");
  const response = await page.goto("/support/requests?status=%00&kind=nope&sort=x&dir=sideways&after=%%%");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Request queue" })).toBeVisible();
});

test("the queue and request pages are closed to the product team and to customers", async ({ page, signIn }) => {
  for (const email of ["product@example.com", "kari@example.com"]) {
    await page.context().clearCookies();
    await signIn(page, email);
    await expectSameNotFound(page, "/support/requests");
    await expectSameNotFound(page, "/support/customers/00000000-0000-4000-8000-000000000000/requests/new");
  }
});

test("a customer or a product team member calling the agent's actions gets the same 404, and nothing is filed", async ({
  page,
  signIn,
  baseURL,
}) => {
  await signIn(page, "agent@example.com");
  await page.goto("/support/requests");
  await page
    .getByRole("link", { name: /^Open the Correction request for Kari N\./ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /Correction for Kari N\./ })).toBeVisible();
  const requestId = new URL(page.url()).pathname.split("/").pop()!;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const filePath = await page
    .getByRole("link", { name: "File another request for this customer" })
    .getAttribute("href");
  const customerId = filePath!.split("/")[3]!;
  for (const email of ["kari@example.com", "product@example.com"]) {
    await page.context().clearCookies();
    await signIn(page, email);
    const calls: [string, [string, string][]][] = [
      [
        "fileRequestForCustomerAction",
        [
          ["customerId", customerId],
          ["kind", "objection"],
          ["channel", "store"],
          ["details", "Forged"],
        ],
      ],
      [
        "changeRequestStatusAction",
        [
          ["requestId", requestId],
          ["to", "rejected"],
          ["note", "Forged"],
        ],
      ],
      ["assignRequestAction", [["requestId", requestId]]],
      [
        "extendRequestDeadlineAction",
        [
          ["requestId", requestId],
          ["months", "1"],
          ["reason", "Forged reason here"],
        ],
      ],
    ];
    for (const [name, fields] of calls) {
      const response = await callAction(page.request, { action: serverAction(name), baseURL: baseURL!, fields });
      expect(response.status(), name).toBe(404);
    }
  }
  await page.context().clearCookies();
  await signIn(page, "agent@example.com");
  await page.goto("/support/requests?kind=objection&status=all");
  await expect(page.getByRole("row", { name: /Kari N\./ }).filter({ hasText: "Store" })).toHaveCount(0);
  await page.goto(`/support/requests/${requestId}`);
  await expect(page.getByRole("region", { name: "History the customer sees" })).not.toContainText("Forged");
});

test.describe("in Norwegian", () => {
  test.use({ locale: "nb-NO" });
  test("the queue, a request and the filing form read in Norwegian and pass axe", async ({ page, signIn }) => {
    await signIn(page, "agent@example.com");
    await page.goto("/support/requests?status=all");
    await expect(page.getByRole("heading", { level: 1, name: "Forespørselskø" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page
      .getByRole("link", { name: /^Åpne forespørselen om Retting fra Kari N\./ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1, name: /Retting for Kari N\./ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Registrer en ny forespørsel for denne kunden" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Registrer en forespørsel for Kari N." })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
