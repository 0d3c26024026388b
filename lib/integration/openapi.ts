import { z } from "zod";
import { errorBody, operations, type ApiOperation } from "./api-operations";

// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas that validate the
// requests (api-operations.ts): nothing here restates a field. Schemas that carry a meta id
// become components.schemas and are referenced; request schemas are emitted as zod reads
// them (io "input"), responses as the server writes them (io "output").

export type JsonSchema = { [key: string]: unknown };

export type OpenApiParameter = {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
};

export type OpenApiResponse = {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: { "application/json": { schema: JsonSchema } };
  /** The stable `error.code` values this status carries. */
  "x-error-codes"?: string[];
};

export type OpenApiOperation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security: { bearer: string[] }[];
  "x-required-scope": string;
  parameters?: OpenApiParameter[];
  requestBody?: { required: true; content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, OpenApiResponse | { $ref: string }>;
};

export type HttpMethod = "get" | "post" | "delete";

export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: {
    securitySchemes: Record<string, { type: "http"; scheme: "bearer"; description: string }>;
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
  };
};

const SCHEMA_REF = "#/components/schemas/";
const RESPONSE_REF = "#/components/responses/";

const errorResponses = {
  400: {
    name: "BadRequest",
    description: "The request does not match the schema (details name each refused field), or the body is not JSON.",
    codes: ["invalid_request", "invalid_json", "unknown_purposes"],
  },
  401: {
    name: "Unauthenticated",
    description: "No valid bearer token: missing, unknown, revoked or past its rotation window.",
    codes: ["unauthenticated"],
  },
  403: {
    name: "InsufficientScope",
    description: "The client's token lacks the operation's scope.",
    codes: ["insufficient_scope"],
  },
  404: {
    name: "NotFound",
    description:
      "Nothing by that reference: no such customer, no purpose in use with that key, or no such subscription.",
    codes: ["customer_not_found", "purpose_not_found", "subscription_not_found"],
  },
  405: {
    name: "MethodNotAllowed",
    description: "The path does not take this method; Allow names those it does.",
    codes: ["method_not_allowed"],
  },
  409: {
    name: "Conflict",
    description: "Not in the state the resource is in: too many active subscriptions, or the client was revoked.",
    codes: ["too_many_subscriptions", "client_revoked"],
  },
  413: {
    name: "PayloadTooLarge",
    description: "The body is over the operation's byte limit, or its batch over the item limit.",
    codes: ["payload_too_large", "batch_too_large"],
  },
  415: {
    name: "UnsupportedMediaType",
    description: "The body is not sent as application/json.",
    codes: ["unsupported_media_type"],
  },
  429: {
    name: "RateLimited",
    description: "Too many calls from this client this minute; Retry-After says when to try again.",
    codes: ["rate_limited"],
  },
  500: { name: "InternalError", description: "The request failed on the server's side.", codes: ["internal_error"] },
} as const;
type ErrorStatus = keyof typeof errorResponses;

const headers: Partial<Record<ErrorStatus, OpenApiResponse["headers"]>> = {
  401: { "WWW-Authenticate": { description: 'Bearer realm="tillit"', schema: { type: "string" } } },
  405: { Allow: { description: "The methods this path takes.", schema: { type: "string" } } },
  429: {
    "Retry-After": { description: "Seconds until the client may call again.", schema: { type: "integer", minimum: 1 } },
  },
};

/** The statuses an operation can answer with besides its success, as defineApiRoute refuses. */
function errorStatusesOf(operation: ApiOperation): ErrorStatus[] {
  const takesInput = Boolean(operation.params || operation.query || operation.body);
  // A 404 comes from naming one thing: a path parameter, or the one purpose a whole call is about.
  const namesOne = Boolean(operation.params) || topLevelKeys(operation.body).includes("purpose");
  return [
    ...(takesInput ? [400 as const] : []),
    401,
    403,
    ...(namesOne ? [404 as const] : []),
    ...(operation.conflicts ? [409 as const] : []),
    ...(operation.body ? [413 as const, 415 as const] : []),
    429,
    500,
  ];
}

function topLevelKeys(schema: z.ZodType | undefined): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

class SchemaCollector {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly emitted = new Map<string, string>();

  /** The JSON Schema of `schema`, its identified parts moved to components.schemas. */
  add(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
    const { $schema: _dialect, $defs, ...root } = json;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      const rewritten = rewriteRefs(def) as JsonSchema;
      const text = JSON.stringify(rewritten);
      const previous = this.emitted.get(id);
      // One id, two shapes (e.g. a transform read as input and as output) would be a wrong $ref.
      if (previous !== undefined && previous !== text) throw new Error(`Schema id ${id} has two different JSON forms`);
      this.emitted.set(id, text);
      this.schemas[id] = rewritten;
    }
    return rewriteRefs(root) as JsonSchema;
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === "$ref" && typeof inner === "string" && inner.startsWith("#/$defs/")
        ? SCHEMA_REF + inner.slice("#/$defs/".length)
        : rewriteRefs(inner),
    ]),
  );
}

function parametersOf(
  collector: SchemaCollector,
  schema: z.ZodObject | undefined,
  where: "path" | "query",
): OpenApiParameter[] {
  if (!schema) return [];
  const json = collector.add(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

function describe(operation: ApiOperation): string {
  const lines = [`Needs the scope \`${operation.scope}\`.`];
  if (operation.body)
    lines.push(`The body is at most ${(operation.maxBodyBytes ?? 16_000).toLocaleString("en")} bytes.`);
  if (operation.batch) {
    lines.push(
      `At most ${operation.batch.max.toLocaleString("en")} items in \`${operation.batch.field}\` per call (more: 413).`,
    );
  }
  return lines.join(" ");
}

function build(): OpenApiDocument {
  const collector = new SchemaCollector();
  const errorSchema = collector.add(errorBody, "output");
  const responses: Record<string, OpenApiResponse> = {};
  for (const [status, error] of Object.entries(errorResponses)) {
    const extra = headers[Number(status) as ErrorStatus];
    responses[error.name] = {
      description: error.description,
      ...(extra ? { headers: extra } : {}),
      content: { "application/json": { schema: errorSchema } },
      "x-error-codes": [...error.codes],
    };
  }

  const paths: OpenApiDocument["paths"] = {};
  const tags = new Set<string>();
  for (const operation of Object.values(operations) as ApiOperation[]) {
    const tag = operation.scope.split(".")[0]!;
    tags.add(tag);
    const parameters = [
      ...parametersOf(collector, operation.params, "path"),
      ...parametersOf(collector, operation.query, "query"),
    ];
    const status = operation.status ?? 200;
    const documented: OpenApiOperation = {
      operationId: operation.operationId,
      summary: operation.summary,
      description: describe(operation),
      tags: [tag],
      security: [{ bearer: [] }],
      "x-required-scope": operation.scope,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(operation.body
        ? {
            requestBody: {
              required: true as const,
              content: { "application/json": { schema: collector.add(operation.body, "input") } },
            },
          }
        : {}),
      responses: {
        [String(status)]: {
          description: status === 201 ? "Created." : "OK.",
          content: { "application/json": { schema: collector.add(operation.response, "output") } },
        },
        ...Object.fromEntries(
          errorStatusesOf(operation).map((code) => [String(code), { $ref: RESPONSE_REF + errorResponses[code].name }]),
        ),
      },
    };
    paths[operation.path] = { ...paths[operation.path], [operation.method.toLowerCase() as HttpMethod]: documented };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Tillit integration API",
      version: "1",
      description:
        "Lets the company's other systems ask whether a customer's data may be used for a purpose, send " +
        "consent-gated interaction events and subscribe to signed webhooks. Customers are named by customer " +
        "number or pseudonymous id, never by email. Every error is JSON: {error: {code, message, details}}, " +
        "the message in the language of Accept-Language (nb or en). A documented path answers other methods " +
        "with 405 (MethodNotAllowed) and an Allow header; an unknown path under /api/v1 with a JSON 404.",
    },
    servers: [{ url: "/" }],
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "An API client's token, created by a product team member in the product studio and shown once. " +
            "Send it as Authorization: Bearer <token>. Cookies are never read.",
        },
      },
      schemas: collector.schemas,
      responses,
    },
  };
}

let cached: OpenApiDocument | null = null;

/** The OpenAPI 3.1 document of /api/v1 (built once per process). */
export function openApiDocument(): OpenApiDocument {
  cached ??= build();
  return cached;
}

export type DocumentedOperation = { method: HttpMethod; path: string; operation: OpenApiOperation };

/** Every operation of a document, in the document's order. */
export function documentedOperations(document: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    (Object.entries(item) as [HttpMethod, OpenApiOperation][]).map(([method, operation]) => ({
      method,
      path,
      operation,
    })),
  );
}

/** A response of an operation, with a `#/components/responses/…` reference followed. */
export function resolveResponse(
  document: OpenApiDocument,
  response: OpenApiResponse | { $ref: string },
): OpenApiResponse {
  if (!("$ref" in response)) return response;
  const resolved = document.components.responses[response.$ref.slice(RESPONSE_REF.length)];
  if (!resolved) throw new Error(`Unresolved ${response.$ref}`);
  return resolved;
}
