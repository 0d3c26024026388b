import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/openapi.json/route";
import { errorBody, operations, type ApiOperation } from "./api-operations";
import { documentedOperations, openApiDocument, resolveResponse, type JsonSchema } from "./openapi";
import { resolveSchema, schemaValidator } from "./openapi.test-support";

const document = openApiDocument();
const all = Object.values(operations) as ApiOperation[];

function pointer(root: unknown, ref: string): unknown {
  expect(ref.startsWith("#/"), ref).toBe(true);
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>(
      (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      root,
    );
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string") found.push(inner);
      else refsIn(inner, found);
    }
  }
  return found;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1.0 with the API's title, a relative server and the bearer scheme, and plain JSON", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info).toMatchObject({ title: "Tillit integration API", version: "1" });
    expect(document.servers).toEqual([{ url: "/" }]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.components.securitySchemes.bearer!.description).toMatch(
      /studio.*Bearer.*[Cc]ookies are never read/s,
    );
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  it("documents every operation once, with its scope, security, tags and the statuses defineApiRoute answers", () => {
    const documented = documentedOperations(document);
    expect(documented.map((d) => d.operation.operationId).sort()).toEqual(all.map((o) => o.operationId).sort());
    for (const operation of all) {
      const entry = document.paths[operation.path]?.[operation.method.toLowerCase() as "get"];
      expect(entry, operation.operationId).toBeDefined();
      expect(entry).toMatchObject({
        operationId: operation.operationId,
        summary: operation.summary,
        security: [{ bearer: [] }],
        "x-required-scope": operation.scope,
      });
      expect(entry!.tags).toHaveLength(1);
      const statuses = Object.keys(entry!.responses);
      const success = String(operation.status ?? 200);
      expect(statuses).toContain(success);
      expect(statuses).toEqual(expect.arrayContaining(["401", "403", "429", "500"]));
      expect(statuses.includes("400")).toBe(Boolean(operation.params || operation.query || operation.body));
      expect(statuses.includes("413")).toBe(Boolean(operation.body));
      expect(statuses.includes("415")).toBe(Boolean(operation.body));
      expect(Boolean(entry!.requestBody)).toBe(Boolean(operation.body));
      for (const status of statuses.filter((s) => s !== success)) {
        const response = resolveResponse(document, entry!.responses[status]!);
        expect(response.content!["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
        expect(response["x-error-codes"]!.length, status).toBeGreaterThan(0);
      }
      expect(resolveResponse(document, entry!.responses["429"]!).headers).toHaveProperty("Retry-After");
    }
    expect(document.paths["/api/v1/customers/{customer}/consents/{purpose}"]!.get!.responses).toHaveProperty("404");
    expect(document.paths["/api/v1/consent-checks"]!.post!.responses).toHaveProperty("404");
    expect(document.paths["/api/v1/events"]!.post!.responses).not.toHaveProperty("404");
    expect(document.paths["/api/v1/webhooks"]!.post!.responses).toHaveProperty("201");
    expect(document.components.responses.MethodNotAllowed!.headers).toHaveProperty("Allow");
  });

  it("has a path parameter for every templated segment and a segment for every path parameter", () => {
    for (const { path, operation } of documentedOperations(document)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const parameters = (operation.parameters ?? []).filter((p) => p.in === "path");
      expect(parameters.map((p) => p.name).sort(), operation.operationId).toEqual(templated.sort());
      expect(parameters.every((p) => p.required)).toBe(true);
      const names = (operation.parameters ?? []).map((p) => `${p.in}:${p.name}`);
      expect(new Set(names).size).toBe(names.length);
    }
    const checkConsent = document.paths["/api/v1/customers/{customer}/consents/{purpose}"]!.get!;
    expect(checkConsent.parameters).toEqual([
      expect.objectContaining({
        name: "customer",
        in: "path",
        required: true,
        description: expect.stringMatching(/[Nn]ever an email/),
      }),
      expect.objectContaining({ name: "purpose", in: "path", required: true }),
      expect.objectContaining({
        name: "channel",
        in: "query",
        required: false,
        schema: expect.objectContaining({ enum: expect.any(Array) }),
      }),
    ]);
  });

  it("moves the identified schemas to components, and every $ref resolves", () => {
    expect(Object.keys(document.components.schemas).sort()).toEqual(
      expect.arrayContaining([
        "BulkConsentCheck",
        "BulkConsentCheckRequest",
        "ConsentDecision",
        "CreateWebhookSubscription",
        "Error",
        "EventBatch",
        "EventBatchResult",
        "WebhookSubscription",
      ]),
    );
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(pointer(document, ref), ref).toBeDefined();
    expect(JSON.stringify(document)).not.toContain("$defs");
    expect(JSON.stringify(document)).not.toContain('"$schema"');
  });

  it("holds only schemas a strict draft 2020-12 validator compiles, which accept what zod accepts and refuse strict objects' extras", () => {
    const validatorOf = schemaValidator(document);
    const schemas: JsonSchema[] = [];
    for (const { operation } of documentedOperations(document)) {
      for (const parameter of operation.parameters ?? []) schemas.push(parameter.schema);
      if (operation.requestBody) schemas.push(operation.requestBody.content["application/json"].schema);
      for (const response of Object.values(operation.responses)) {
        const content = resolveResponse(document, response).content;
        if (content) schemas.push(content["application/json"].schema);
      }
    }
    for (const schema of schemas) expect(() => validatorOf(schema)).not.toThrow();

    const bulk = document.paths["/api/v1/consent-checks"]!.post!.requestBody!.content["application/json"].schema;
    expect(resolveSchema(document, bulk)).toMatchObject({
      additionalProperties: false,
      required: ["purpose", "customers"],
    });
    const valid = { purpose: "newsletter", channel: "email", customers: ["100001"] };
    expect(operations.checkConsentBulk.body.safeParse(valid).success).toBe(true);
    expect(validatorOf(bulk)(valid)).toBe(true);
    expect(validatorOf(bulk)({ ...valid, extra: 1 })).toBe(false);
    expect(validatorOf(bulk)({ ...valid, channel: "fax" })).toBe(false);

    const error = {
      error: { code: "invalid_request", message: "x", details: [{ path: "body", code: "c", message: "m" }] },
    };
    expect(errorBody.safeParse(error).success).toBe(true);
    expect(validatorOf({ $ref: "#/components/schemas/Error" })(error)).toBe(true);
    expect(validatorOf({ $ref: "#/components/schemas/Error" })({ error: { code: "x" } })).toBe(false);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves the document publicly, cacheable for five minutes", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await response.json()).toEqual(document);
  });

  it("answers other methods with the JSON 405", async () => {
    const response = POST(new Request("http://localhost/api/v1/openapi.json", { method: "POST" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect(errorBody.parse(await response.json()).error.code).toBe("method_not_allowed");
  });
});
