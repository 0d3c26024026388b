import { expect, expectNoAxeViolations, test } from "./fixtures";
import { callAction, serverAction } from "./support/actions";
import { expectSameNotFound } from "./support/not-found";

test.use({ locale: "en-GB" });

// Uniquely named, so that the suite's other specs (one server per worker) see nothing new of theirs.
const name = `Web shop ${Date.now().toString(36)}`;
let clientId = "";

test.describe.serial("API clients in the studio", () => {
  test("a product member creates a client with the keyboard, sees its token once, rotates and revokes it", async ({
    page,
    signIn,
  }) => {
    // Two pages, each checked with axe four times: longer than the default on a busy machine.
    test.setTimeout(240_000);
    await signIn(page, "product@example.com");
    await page.getByRole("navigation", { name: "Product studio" }).getByRole("link", { name: "Integrations" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
    await expectNoAxeViolations(page);

    // No permission ticked: refused, with the error on the group and focus on its first box.
    const nameField = page.getByLabel("Name of the system");
    await nameField.focus();
    await page.keyboard.type(name);
    await page.keyboard.press("Enter");
    await expect(page.getByText("Choose at least one thing it may do.")).toBeVisible();
    const readOne = page.getByRole("checkbox", { name: /^Ask about one customer's consent/ });
    await expect(readOne).toBeFocused();
    await expectNoAxeViolations(page);
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("checkbox", { name: /^Send events about customers/ })).toBeFocused();
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Country where it runs")).toBeFocused();
    await expect(page.getByLabel("Country where it runs")).toHaveValue("NO");
    await expect(nameField).toHaveValue(name);
    await page.keyboard.press("Enter");

    await expect(page.getByRole("status").filter({ hasText: `“${name}” can now call Tillit.` })).toBeVisible();
    await expect(page.getByText("Copy it now and give it to the system's team: it is not shown again.")).toBeVisible();
    const token = await page.getByLabel("Token", { exact: true }).inputValue();
    expect(token).toMatch(/^tillit_[A-Za-z0-9_-]{43}$/);
    expect(page.url()).not.toContain(token);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Ask about one customer's consent and Send events about customers");
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Never");
    await expectNoAxeViolations(page);

    // Gone after a reload: the token lived only in the form's state.
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
    await expect(page.getByLabel("Token", { exact: true })).toHaveCount(0);
    expect(await page.content()).not.toContain(token);

    await row.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    clientId = new URL(page.url()).pathname.split("/").pop()!;
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(page.getByRole("link", { name: "Webhooks" })).toHaveAttribute(
      "href",
      `/studio/integrations/${clientId}/webhooks`,
    );
    const tokens = page.getByRole("table", { name: "The client's tokens, newest first" });
    await expect(tokens.getByRole("row")).toHaveCount(2);
    await expect(tokens).toContainText(`…${token.slice(-4)}`);
    await expect(tokens).toContainText("At the next rotation");
    await expect(page.getByText("No calls yet.")).toBeVisible();
    await expectNoAxeViolations(page);

    // Rotate with a two-hour overlap: both tokens work until then.
    const overlap = page.getByLabel("Hours the current tokens keep working");
    await expect(overlap).toHaveValue("24");
    await overlap.fill("200");
    await page.getByRole("button", { name: "Make a new token" }).click();
    await expect(page.getByText("Write a whole number of hours from 0 to 168.")).toBeVisible();
    await overlap.fill("2");
    await page.getByRole("button", { name: "Make a new token" }).click();
    await expect(page.getByRole("status").filter({ hasText: "A new token is made." })).toBeVisible();
    const second = await page.getByLabel("Token", { exact: true }).inputValue();
    expect(second).toMatch(/^tillit_/);
    expect(second).not.toBe(token);
    await expect(tokens.getByRole("row")).toHaveCount(3);
    await expect(tokens.getByRole("cell", { name: "Yes, it works" })).toHaveCount(2);
    await expectNoAxeViolations(page);
    await page.reload();
    await expect(page.getByLabel("Token", { exact: true })).toHaveCount(0);
    expect(await page.content()).not.toContain(second);

    // Revoke: only after ticking that it is meant.
    const revoke = page.getByRole("button", { name: `Revoke “${name}”` });
    await revoke.click();
    await expect(page.getByText("Tick the box to confirm.")).toBeVisible();
    await expect(
      page.getByRole("checkbox", { name: "I understand that the system loses access at once" }),
    ).toBeFocused();
    await page.keyboard.press("Space");
    await revoke.click();
    await expect(page.getByText(/This client was revoked on .*Its calls are refused\./)).toBeVisible();
    await expect(tokens.getByRole("cell", { name: "Yes, it works" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Make a new token" })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "All integrations" }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked on");
  });

  test("customers and agents get the same 404 on the integrations pages and actions", async ({
    page,
    signIn,
    baseURL,
  }) => {
    expect(clientId).not.toBe("");
    const actions = ["createApiClientAction", "rotateApiClientTokenAction", "revokeApiClientAction"].map(serverAction);
    const fields: [string, string][] = [
      ["name", `${name} again`],
      ["scopes", "consent.read"],
      ["country", "NO"],
      ["clientId", clientId],
      ["overlapHours", "0"],
      ["confirm", "yes"],
    ];
    for (const email of ["kari@example.com", "agent@example.com"]) {
      await page.context().clearCookies();
      await signIn(page, email);
      await expectSameNotFound(page, "/studio/integrations");
      await expectSameNotFound(page, `/studio/integrations/${clientId}`);
      for (const action of actions) {
        const path = action.path.replace("[clientId]", clientId);
        const response = await callAction(page.request, { action: { ...action, path }, baseURL: baseURL!, fields });
        expect(response.status(), `${email} ${action.name}`).toBe(404);
      }
    }
    // Nothing was created in their name.
    await page.context().clearCookies();
    await signIn(page, "product@example.com");
    await page.goto("/studio/integrations");
    await expect(page.getByRole("row", { name: new RegExp(`${name} again`) })).toHaveCount(0);
  });
});
