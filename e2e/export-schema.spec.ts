import { expect, test } from "./fixtures";

test("the export schema is public, cacheable and describes data.json", async ({ request, baseURL }) => {
  const response = await request.get("/schemas/export-v1.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/schema+json; charset=utf-8");
  // proxy.ts leaves its caching to the route: no personal data here.
  expect(response.headers()["cache-control"]).toBe("public, max-age=3600");
  const schema = (await response.json()) as { $schema: string; $id: string; properties: Record<string, unknown> };
  expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  expect(new URL(schema.$id).pathname).toBe("/schemas/export-v1.json");
  expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["art15", "categories"]));
  expect(baseURL).toBeTruthy();
});
