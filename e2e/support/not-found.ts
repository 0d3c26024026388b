import { expect, type Page } from "@playwright/test";

/** The seeded staff land on their own area's home after signing in; customers on /account. */
export function homePathOf(email: string): string {
  if (email === "agent@example.com") return "/support";
  if (email === "product@example.com") return "/studio";
  return "/account";
}

/**
 * `path` answers exactly like a page that does not exist: status 404 and the same text,
 * so the response says nothing about what is there or who may see it.
 */
export async function expectSameNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  const text = await page.getByRole("main").innerText();
  const unknown = await page.goto("/no-such-page");
  expect(unknown?.status()).toBe(404);
  expect(text, path).toBe(await page.getByRole("main").innerText());
}
