import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { callAction } from "./support/actions";
import { areaActions, areaPages, areaRouteHandlers, fillParams } from "./support/area-routes";
import { expectSameNotFound } from "./support/not-found";

// Every page, server action and route handler of the support console, found from the source
// tree and the build (a new one is covered the day it is added), answers customers and
// product team members exactly like an unknown page, and writes nothing.

test.use({ locale: "en-GB" });

const SUPPORT = "app/(staff)/support";

/** Real ids for the dynamic segments, as an agent finds them: Kari's record and one of her requests. */
async function realParams(page: Page, signIn: (page: Page, email: string) => Promise<void>) {
  await page.context().clearCookies();
  await signIn(page, "agent@example.com");
  await page.goto("/support?q=Kari+Nordmann");
  const customerHref = await page.getByRole("link", { name: "Kari N." }).first().getAttribute("href");
  const customerId = /^\/support\/customers\/([^/?#]+)$/.exec(customerHref ?? "")?.[1];
  await page.goto("/support/requests?status=all");
  const requestHref = await page.locator('a[href^="/support/requests/"]').first().getAttribute("href");
  const requestId = /^\/support\/requests\/([^/?#]+)$/.exec(requestHref ?? "")?.[1];
  expect(customerId, "Kari's record link").toBeTruthy();
  expect(requestId, "a request link in the queue").toBeTruthy();
  return { customerId: customerId!, requestId: requestId! };
}

/** What a refused call must leave as it was: the access entries Kari can count, and her requests. */
async function kariSees(page: Page, signIn: (page: Page, email: string) => Promise<void>) {
  await page.context().clearCookies();
  await signIn(page, "kari@example.com");
  await page.goto("/account/access");
  const accesses = await page.getByText(/in all\.$/).first().innerText();
  await page.goto("/account/requests");
  const requests = await page.getByRole("main").innerText();
  return { accesses, requests };
}

test(
  "customers and product team members get the same 404 on every support page, action and route",
  { tag: "@smoke" },
  async ({ page, signIn, baseURL }) => {
    const params = await realParams(page, signIn);
    const pages = areaPages(SUPPORT).map((pattern) => fillParams(pattern, params));
    expect(pages).toEqual(
      expect.arrayContaining([
        "/support",
        "/support/requests",
        `/support/customers/${params.customerId}`,
        `/support/customers/${params.customerId}/requests/new`,
        `/support/requests/${params.requestId}`,
      ]),
    );
    const actions = areaActions(SUPPORT, params);
    expect(actions.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        "openCustomerAction",
        "openWithSupportCodeAction",
        "revealFieldAction",
        "fileRequestForCustomerAction",
        "assignRequestAction",
        "changeRequestStatusAction",
        "extendRequestDeadlineAction",
        "carryOutRectificationAction",
        "retryFailedJobAction",
      ]),
    );
    const routes = areaRouteHandlers(SUPPORT).map((pattern) => fillParams(pattern, params));
    // Fields a forged call would send: the real ids, and whatever each form asks for.
    const fields: [string, string][] = [
      ["customerId", params.customerId],
      ["requestId", params.requestId],
      ["justification", "fraud_security"],
      ["caseReference", "SUP-1"],
      ["reason", "Looking around"],
      ["field", "phone"],
      ["confirmed", "on"],
      ["kind", "export"],
      ["channel", "phone"],
      ["to", "rejected"],
      ["note", "Forged"],
      ["months", "1"],
    ];

    const before = await kariSees(page, signIn);
    for (const email of ["kari@example.com", "product@example.com"]) {
      await page.context().clearCookies();
      await signIn(page, email);
      for (const path of pages) await expectSameNotFound(page, path);
      for (const action of actions) {
        const response = await callAction(page.request, { action, baseURL: baseURL!, fields });
        expect(response.status(), `${email}: ${action.name}`).toBe(404);
      }
      for (const path of routes) {
        for (const method of ["GET", "POST"] as const) {
          const response = await page.request.fetch(path, { method, maxRedirects: 0 });
          expect(response.status(), `${email}: ${method} ${path}`).toBe(404);
        }
      }
    }
    // Signed out, the pages send to sign-in and the actions answer the same 404.
    await page.context().clearCookies();
    for (const path of pages) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/signin$/);
    }
    for (const action of actions) {
      const response = await callAction(page.request, { action, baseURL: baseURL!, fields });
      expect(response.status(), `signed out: ${action.name}`).toBe(404);
    }
    // Nothing was opened, revealed, filed or changed: Kari's own pages read as before.
    expect(await kariSees(page, signIn)).toEqual(before);
  },
);
