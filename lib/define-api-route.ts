import "server-only";
import { z } from "zod";
import { no as norwegianZodMessages } from "zod/locales";
import { getDb } from "@/db";
import type { ApiClientActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { messageLookup } from "@/lib/i18n/translator";
import type { ApiOperation } from "@/lib/integration/api-operations";
import { ApiRateLimiter } from "@/lib/integration/api-rate-limit";
import { authenticateApiClient, bearerTokenHash, rememberedApiClient } from "@/lib/integration/authenticate-api-client";
import { recordApiCall } from "@/lib/integration/record-api-call";
import { clientAddressOf } from "@/lib/security/client-address";

// The one way into /api/v1 for an API client, as defineAction is for forms: bearer token
// (cookies are never read), scope, rate limit, body size and type, zod, the use case with
// the client as its principal, and every refusal as a JSON error with a stable code and a
// message in the caller's language. A refusal after authentication is logged as a call;
// an answered call is logged by its use case, in the transaction of its reads.

type Output<T> = T extends z.ZodType ? z.output<T> : Record<string, never>;
export type ApiInput<O extends ApiOperation> = {
  params: Output<O["params"]>;
  query: Output<O["query"]>;
  body: Output<O["body"]>;
};
export type ApiResult = { body: unknown; status?: number };
type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type Params = Record<string, string | string[] | undefined>;

/**
 * What a route reads of a request, whichever door it came in by: Next's route (a web
 * Request) or the API's own port (node:http, without building one: a web Request and
 * Response cost more CPU per call than a decision's own JavaScript).
 */
export type ApiRequest = {
  url: URL;
  /** A header's value, several of the same name joined by ", " (as Headers.get does). */
  header(name: string): string | null;
  body: ReadableStream<Uint8Array> | null;
};

/** An answer with its body as JSON text, for either door to send. */
export type ApiAnswer = { status: number; headers: Record<string, string>; body: string };

/** A route handler for Next, carrying the same handler for the API's own port. */
export type ApiRouteHandler = ((request: Request, context: RouteContext) => Promise<Response>) & {
  answer(request: ApiRequest, params: Params): Promise<ApiAnswer>;
};

const DEFAULT_MAX_BODY_BYTES = 16_000;

// One limiter per process, kept on globalThis: the API's own port (api-listener.ts) loads
// these modules in a bundle of its own, and a client must not get a second allowance there.
const holder = globalThis as typeof globalThis & {
  __tillitApiLimiter?: ApiRateLimiter;
  __tillitApiFailedTokens?: ApiRateLimiter;
};
function rateLimiter(): ApiRateLimiter {
  holder.__tillitApiLimiter ??= new ApiRateLimiter(env().TILLIT_API_RATE_LIMIT_PER_MINUTE);
  return holder.__tillitApiLimiter;
}

/**
 * Refused tokens per client address and minute. Every well-formed token costs a database
 * read to refuse, so a flood of made-up ones from one address slowed every client's calls
 * (measured: a real client's median 13 → 148 ms); past the limit that address hears 429
 * without the read, except for a token this process already knows to be good.
 */
export const FAILED_TOKENS_PER_MINUTE = 600;
function failedTokens(): ApiRateLimiter {
  holder.__tillitApiFailedTokens ??= new ApiRateLimiter(FAILED_TOKENS_PER_MINUTE, 10_000);
  return holder.__tillitApiFailedTokens;
}

export function defineApiRoute<O extends ApiOperation>(
  operation: O,
  run: (client: ApiClientActor, input: ApiInput<O>) => Promise<ApiResult>,
): ApiRouteHandler {
  const answer = async (request: ApiRequest, params: Params): Promise<ApiAnswer> => {
    const locale = apiLocale(request.header("accept-language"));
    const tokenHash = bearerTokenHash(request.header("authorization"));
    let client: ApiClientActor | null = null;
    // False while the client is the one this token had before, not yet read again: only
    // for operations whose use case proves the token in its own statement.
    let proven = false;
    const address = clientAddressOf({ get: request.header });
    const unauthenticated = () => {
      failedTokens().take(address);
      return apiErrorAnswer(locale, 401, "unauthenticated", {
        headers: { "WWW-Authenticate": 'Bearer realm="tillit"' },
      });
    };
    const insufficientScope = () =>
      apiErrorAnswer(locale, 403, "insufficient_scope", { values: { scope: operation.scope } });
    // Reads the client afresh (the token may be unknown, revoked or lapsed, the scope
    // withdrawn): its refusal, or null when it may go on.
    const readAfresh = async (): Promise<ApiAnswer | null> => {
      client = await authenticateApiClient(await getDb(), tokenHash);
      proven = true;
      if (!client) return unauthenticated();
      return can(client, operation.scope) ? null : refuse(insufficientScope());
    };
    // Logs a refused call of the client, then answers it; an unproven client is read again
    // first, so a revoked token hears 401, and a withdrawn scope 403, whatever else was
    // wrong with its call.
    const refuse = async (response: ApiAnswer): Promise<ApiAnswer> => {
      if (!proven) {
        try {
          const refusal = await readAfresh();
          if (refusal) return refusal;
        } catch (error) {
          // The database is out of reach: the refusal stands, unlogged (it could not be logged).
          console.error(`[tillit] api client read failed: ${error instanceof Error ? error.name : "unknown"}`);
          return response;
        }
      }
      return refused(client!, operation, response);
    };
    const knownGood = rememberedApiClient(tokenHash);
    const wait = knownGood ? null : failedTokens().refusedFor(address);
    if (wait !== null) {
      return apiErrorAnswer(locale, 429, "rate_limited", {
        values: { seconds: wait },
        headers: { "Retry-After": String(wait) },
      });
    }
    try {
      if (operation.provesClientInStatement) client = knownGood;
      if (!client || !can(client, operation.scope)) {
        const refusal = await readAfresh();
        if (refusal) return refusal;
      }
      const limit = rateLimiter().take(client!.clientId);
      if (!limit.allowed) {
        const seconds = limit.retryAfterSeconds;
        return await refuse(
          apiErrorAnswer(locale, 429, "rate_limited", {
            values: { seconds },
            headers: { "Retry-After": String(seconds) },
          }),
        );
      }
      const input = await readInput(request, params, operation, locale);
      if (!input.ok) return await refuse(apiErrorAnswer(locale, input.status, input.code, input));
      let result: ApiResult;
      try {
        result = await run(client!, input.value as ApiInput<O>);
      } catch (error) {
        // The statement's proof failed: revoked, lapsed, or a scope withdrawn since this
        // process last read the client. Read it now and answer as that reading says; failed
        // just after a fresh read, it was revoked in between: 401, not a call of the client.
        if (!isAppError(error) || error.code !== "unauthenticated") throw error;
        if (proven) return unauthenticated();
        const refusal = await readAfresh();
        if (refusal) return refusal;
        try {
          result = await run(client!, input.value as ApiInput<O>);
        } catch (again) {
          if (isAppError(again) && again.code === "unauthenticated") return unauthenticated();
          throw again;
        }
      }
      return jsonAnswer(result.body, result.status ?? operation.status ?? 200);
    } catch (error) {
      const response = errorAnswer(locale, error, operation);
      return client ? await refuse(response) : response;
    }
  };
  const handler = async (request: Request, context: RouteContext) =>
    toResponse(
      await answer(
        { url: new URL(request.url), header: (name) => request.headers.get(name), body: request.body },
        await context.params,
      ),
    );
  return Object.assign(handler, { answer });
}

/** Logs a refused call of an authenticated client, then answers it. */
async function refused(client: ApiClientActor, operation: ApiOperation, response: ApiAnswer): Promise<ApiAnswer> {
  try {
    await recordApiCall(await getDb(), client, {
      scope: operation.scope,
      operation: operation.operationId,
      status: response.status,
    });
  } catch (error) {
    console.error(`[tillit] api call log failed: ${error instanceof Error ? error.name : "unknown"}`);
  }
  return response;
}

type Refusal = {
  ok: false;
  status: number;
  code: string;
  details?: Detail[];
  values?: Record<string, string | number>;
};
type Detail = { path: string; code: string; message: string };

// zod's own messages in Norwegian for a Norwegian caller; a refinement's code has its own.
const zodMessagesIn = { en: undefined, nb: { error: norwegianZodMessages().localeError } } as const;

async function readInput(
  request: ApiRequest,
  params: Params,
  operation: ApiOperation,
  locale: Locale,
): Promise<{ ok: true; value: Record<string, unknown> } | Refusal> {
  const value: Record<string, unknown> = { params: {}, query: {}, body: {} };
  const messages = zodMessagesIn[locale];
  const invalid = (error: z.ZodError, where: "path" | "query" | "body") => invalidInput(error, where, locale);
  if (operation.params) {
    const parsed = operation.params.safeParse(params, messages);
    // A malformed id in the path is a 400 that says which part, not a 404.
    if (!parsed.success) return invalid(parsed.error, "path");
    value.params = parsed.data;
  }
  if (operation.query) {
    const url = request.url;
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(key);
      query[key] = all.length === 1 ? all[0]! : all;
    }
    const parsed = operation.query.safeParse(query, messages);
    if (!parsed.success) return invalid(parsed.error, "query");
    value.query = parsed.data;
  }
  if (operation.body) {
    const body = await readJsonBody(request, operation.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, locale);
    if (!body.ok) return body;
    const batch = operation.batch;
    if (batch && typeof body.value === "object" && body.value !== null) {
      const items = (body.value as Record<string, unknown>)[batch.field];
      if (Array.isArray(items) && items.length > batch.max) {
        return { ok: false, status: 413, code: "batch_too_large", values: { max: batch.max, field: batch.field } };
      }
    }
    const parsed = operation.body.safeParse(body.value, messages);
    if (!parsed.success) return invalid(parsed.error, "body");
    value.body = parsed.data;
  }
  return { ok: true, value };
}

function invalidInput(error: z.ZodError, where: "path" | "query" | "body", locale: Locale): Refusal {
  const lookup = messageLookup(locale);
  const details = error.issues.slice(0, 50).map((issue) => {
    // A refinement names its own code (e.g. email_not_allowed) in params, and its message
    // is api.errors.<code> in the caller's language where there is one.
    // A schema shared with a form may give a message key (required, tooLong) as its message.
    const code = issue.code === "custom" ? String(issue.params?.code ?? "invalid") : issue.code;
    const key =
      issue.code === "custom" ? camelCase(code) : /^[a-z][A-Za-z]+$/.test(issue.message) ? issue.message : null;
    const message = (key ? lookup(`api.errors.${key}`) : null) ?? issue.message;
    return { path: [where, ...issue.path.map(String)].join("."), code, message };
  });
  return { ok: false, status: 400, code: "invalid_request", details };
}

/** The body as JSON, read no further than the cap (a Content-Length can lie or be absent). */
async function readJsonBody(
  request: ApiRequest,
  maxBytes: number,
  locale: Locale,
): Promise<{ ok: true; value: unknown } | Refusal> {
  const type = request.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) return { ok: false, status: 415, code: "unsupported_media_type" };
  const tooLarge: Refusal = { ok: false, status: 413, code: "payload_too_large", values: { limit: maxBytes } };
  if (Number(request.header("content-length") ?? 0) > maxBytes) return tooLarge;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return tooLarge;
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, code: "invalid_json" };
  }
  // JSON.parse makes "__proto__" an ordinary key, which schemas would then pass over unseen
  // (a record drops it): refused by name, so nothing sent is silently lost.
  if (text.includes("__proto__") && hasProtoKey(value)) {
    return {
      ok: false,
      status: 400,
      code: "invalid_request",
      details: [{ path: "body", code: "reserved_key", message: messageLookup(locale)("api.errors.reservedKey") ?? "" }],
    };
  }
  return { ok: true, value };
}

/** Walked without recursion: a body may nest as deep as JSON.parse goes. */
function hasProtoKey(root: unknown): boolean {
  const pending = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null) continue;
    if (Object.hasOwn(value, "__proto__")) return true;
    for (const item of Object.values(value)) pending.push(item);
  }
  return false;
}

const appErrorStatus = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
};

function errorAnswer(locale: Locale, error: unknown, operation: ApiOperation): ApiAnswer {
  if (isAppError(error)) {
    const status = appErrorStatus[error.code];
    // A specific key (customerNotFound) is the more useful code: customer_not_found; a
    // field refused by the use case is an invalid request like one refused by the schema.
    const code =
      error.messageKey !== error.code
        ? snakeCase(error.messageKey)
        : error.code === "invalid"
          ? "invalid_request"
          : error.code;
    const details = Object.entries(error.fieldErrors).map(([path, key]) => ({
      path: `body.${path}`,
      code: snakeCase(key),
      message: messageLookup(locale)(`api.errors.${key}`) ?? key,
    }));
    return apiErrorAnswer(locale, status, code, details.length > 0 ? { details } : {});
  }
  // The class name only: a message could carry personal data.
  console.error(`[tillit] api ${operation.operationId} failed: ${error instanceof Error ? error.name : "unknown"}`);
  return apiErrorAnswer(locale, 500, "internal_error");
}

function camelCase(code: string): string {
  return code.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** An error body: a stable code, a message for people in their language, and the refused fields. */
export function apiErrorAnswer(
  locale: Locale,
  status: number,
  code: string,
  options: { details?: Detail[]; values?: Record<string, string | number>; headers?: Record<string, string> } = {},
): ApiAnswer {
  const lookup = messageLookup(locale);
  const message =
    lookup(`api.errors.${camelCase(code)}`, options.values) ?? lookup(`api.errors.status${status}`) ?? code;
  const error = { code, message, ...(options.details ? { details: options.details } : {}) };
  return jsonAnswer({ error }, status, options.headers);
}

/** The same error as a web Response (Next's routes). */
export function apiError(locale: Locale, status: number, code: string, options?: Parameters<typeof apiErrorAnswer>[3]) {
  return toResponse(apiErrorAnswer(locale, status, code, options));
}

/** English unless the caller asks for Norwegian: an API's readers are developers first. */
export function apiLocale(acceptLanguage: string | null): Locale {
  return acceptLanguage ? negotiateLocale(acceptLanguage) : "en";
}

function jsonAnswer(body: unknown, status: number, headers: Record<string, string> = {}): ApiAnswer {
  return {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
    body: JSON.stringify(body ?? null),
  };
}

function toResponse(answer: ApiAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** The JSON 405 for the methods a /api/v1 route does not take, naming those it does. */
export function methodNotAllowed(...allow: string[]): (request: Request) => Response {
  return (request) =>
    apiError(apiLocale(request.headers.get("accept-language")), 405, "method_not_allowed", {
      headers: { Allow: allow.join(", ") },
    });
}
