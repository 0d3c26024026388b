import { expect, expectNoAxeViolations, test } from "./fixtures";

// The API reference, signed out: rendered from the same document /api/v1/openapi.json serves.
test.use({ locale: "nb-NO" });

test("/developers shows every operation of the OpenAPI document, marking its English texts on a Norwegian page", async ({
  page,
  request,
}) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("public, max-age=300");
  const document = (await response.json()) as {
    openapi: string;
    paths: Record<
      string,
      Record<string, { operationId: string; summary: string; "x-required-scope": string; requestBody?: unknown }>
    >;
  };
  expect(document.openapi).toBe("3.1.0");
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, ...operation })),
  );
  expect(operations.length).toBeGreaterThanOrEqual(6);

  await page.goto("/developers");
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Integrasjons-API-et, for utviklere");
  for (const operation of operations) {
    const article = page.getByRole("article", { name: `${operation.method.toUpperCase()} ${operation.path}` });
    await expect(article).toContainText(operation["x-required-scope"]);
    // English from the document, marked so on a Norwegian page.
    await expect(article.getByText(operation.summary, { exact: true })).toHaveAttribute("lang", "en");
  }
  await expect(
    page.getByRole("region", { name: "Innholdet i forespørselen til checkConsentBulk, som JSON Schema" }),
  ).toContainText('"maxItems": 10000');
  await expect(page.getByRole("link", { name: "Hele beskrivelsen som OpenAPI 3.1 (JSON)" })).toHaveAttribute(
    "href",
    "/api/v1/openapi.json",
  );

  await expectNoAxeViolations(page);

  const html = await (await request.get("/developers")).text();
  // Server-rendered only: the HTML (markup plus the RSC payload that repeats it) stays modest.
  expect(html.length).toBeLessThan(120_000);
  // A response schema per operation, a request schema per operation with a body, and the shared ones.
  const withBody = operations.filter((operation) => operation.requestBody).length;
  expect(await page.locator("pre").count()).toBeGreaterThan(operations.length + withBody);
});
