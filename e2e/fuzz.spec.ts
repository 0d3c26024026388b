import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param";
import { callAction, serverActions, type ServerAction } from "./support/actions";
import { startAppServer, type AppServer } from "./support/app-server";
import { createE2eDatabase, openAppDatabase, rowsOf } from "./support/database";
import { openSignInLink, signInLinkFrom, startSmtpReceiver, type SmtpReceiver } from "./support/smtp";

// Property-based fuzzing of the running app (`next start`): malformed values for every
// server action's fields, malformed envelopes around them, malformed dynamic route segments,
// query values and router headers. Every answer must be below 500, no action may fail
// unexpectedly (the log line of defineAction's catch-all), and the database must hold
// exactly what it held before. The budget is fixed (runs per property, a time limit per
// property), so the spec stays at about a minute; it prints what it tried.
//
// TILLIT_FUZZ_RUNS changes the runs per property, TILLIT_FUZZ_SEED replays a failing run
// (fast-check prints the seed and path of a counterexample).
//
// On its OWN app server and database: the database is compared before and after with the
// app stopped (one process per PGlite folder), and no other spec's jobs may run meanwhile.

let smtp: SmtpReceiver;
let app: AppServer;
let database: Awaited<ReturnType<typeof createE2eDatabase>> | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  smtp = await startSmtpReceiver();
  const serverUrl = process.env.DATABASE_URL?.trim();
  database = serverUrl ? await createE2eDatabase(serverUrl, "tillit_e2e_fuzz") : null;
  app = await startAppServer({ emailServer: smtp.url, extraEnv: { DATABASE_URL: database?.url ?? "" } });
});

test.afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  await database?.drop();
});

const runs = Number(process.env.TILLIT_FUZZ_RUNS ?? 50);
const seed = process.env.TILLIT_FUZZ_SEED ? Number(process.env.TILLIT_FUZZ_SEED) : undefined;
const budget = { numRuns: runs, seed, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false } as const;

/** Every action's form fields. A new action without an entry here fails the spec. */
const actionFields: Record<string, string[]> = {
  setLocaleAction: ["locale"],
  requestSignInLinkAction: ["email"],
  unsubscribeByLinkAction: ["token", "List-Unsubscribe"],
  verifyReceiptAction: ["receipt", "file"],
  setConsentAction: ["purposeKey", "purposeVersion", "granted", "method", "agreedVersion"],
  giveWithdrawalReasonAction: ["purposeKey", "token", "reason"],
  rejectInferenceAction: ["inferenceId"],
  requestErasureAction: ["understand"],
  cancelErasureAction: ["requestId"],
  sendErasureLinkAction: [],
  revokeSessionAction: ["sessionId"],
  revokeOtherSessionsAction: [],
  startExportAction: [],
  sendExportSignInLinkAction: [],
  savePreferencesAction: ["cell", "allowed"],
  setChannelAction: ["channel", "allowed"],
  updateProfileAction: ["givenName", "familyName", "phone"],
  saveAddressAction: ["id", "label", "line1", "line2", "postcode", "city", "country", "makePrimary"],
  removeAddressAction: ["id"],
  makePrimaryAddressAction: ["id"],
  restrictProcessingAction: ["ground", "reason"],
  liftRestrictionAction: ["requestId"],
  objectToProcessingAction: ["purposeKeys", "reason", "confirms"],
  requestRectificationAction: ["category", "description"],
  issueSupportCodeAction: [],
  openCustomerAction: ["customerId", "justification", "caseReference", "reason", "confirmedBeyondLimit"],
  openWithSupportCodeAction: ["customerId", "code", "confirmedBeyondLimit"],
  revealFieldAction: ["customerId", "field", "caseReference", "confirmed"],
  confirmFiledRestrictionAction: ["requestId"],
  declineFiledRequestAction: ["requestId", "reason"],
  fileRequestForCustomerAction: ["customerId", "kind", "channel", "category", "ground", "details"],
  assignRequestAction: ["requestId"],
  changeRequestStatusAction: ["requestId", "to", "note"],
  extendRequestDeadlineAction: ["requestId", "months", "reason"],
  carryOutRectificationAction: ["requestId", "field", "value", "note"],
  retryFailedJobAction: ["jobId"],
  savePurposeDraftAction: [
    "mode",
    "key",
    "basedOnVersion",
    ...["nb", "en"].flatMap((l) =>
      ["Name", "Description", "Benefit", "Consequence", "Retention", "ChangeSummary"].map((f) => `${l}${f}`),
    ),
    "legalBasis",
    "dataCategories",
    "retention",
    "recipients",
    "channels",
    "sharesWithThirdParties",
    "benefitMetric",
  ],
  publishPurposeDraftAction: ["key", "basedOnVersion", "material"],
  retirePurposeAction: ["key", "version"],
  previewConsentAction: ["purposeKey", "purposeVersion", "granted", "method", "agreedVersion"],
  createApiClientAction: ["name", "scopes", "country"],
  rotateApiClientTokenAction: ["clientId", "overlapHours"],
  revokeApiClientAction: ["clientId", "confirm"],
  createWebhookSubscriptionAction: ["clientId", "url", "eventTypes"],
  disableWebhookSubscriptionAction: ["subscriptionId"],
  redeliverWebhookMessageAction: ["messageId"],
};
// Signing out is what it is asked to do, whatever the form says; it is not fuzzed.
const notFuzzed = new Set(["signOutAction"]);

// Tables that change by themselves or on every signed-in request: session bookkeeping,
// rate-limit buckets, the job queue, and tokens that maintenance purges when they expire.
const volatileTables = new Set([
  "sessions",
  "sign_in_events",
  "rate_limit_buckets",
  "jobs",
  "verification_tokens",
  "consumed_tokens",
]);

// Characters no field accepts: controls, format characters (bidi, zero-width, BOM, soft
// hyphen), separators, a lone surrogate.
const invisible = fc.constantFrom(
  "\u0000",
  "\u0007",
  "\u200b",
  "\u2028",
  "\u2029",
  "\u061c",
  "\u202e",
  "\ufeff",
  "\u00ad",
  "\ud800",
);
const looksValid = fc.constantFrom(
  "kari@example.com",
  "newsletter",
  "on",
  "true",
  "1",
  "email:newsletter",
  "Kari",
  "0184",
  "NO",
  "home",
  crypto.randomUUID(),
  "identity",
  "accuracy_contested",
);
/** A value every schema refuses: something plausible or random with an invisible character in it. */
const malformedValue = fc.oneof(
  fc.tuple(looksValid, invisible, fc.nat()).map(([value, char, at]) => {
    const i = at % (value.length + 1);
    return value.slice(0, i) + char + value.slice(i);
  }),
  fc
    .tuple(fc.string({ unit: "binary", maxLength: 60 }), invisible, fc.string({ maxLength: 60 }))
    .map(([a, c, b]) => a + c + b),
  fc.tuple(invisible, fc.integer({ min: 2_000, max: 20_000 })).map(([char, n]) => "a".repeat(n) + char),
  fc
    .tuple(fc.constantFrom("<script>", "' OR 1=1 --", "../../etc/passwd", "${7*7}", "%00", "$K1", "$@0"), invisible)
    .map(([a, c]) => a + c),
);
const forgedField = fc.tuple(
  fc.constantFrom("customerId", "userId", "role", "__proto__", "constructor"),
  malformedValue,
);
/**
 * Each field at least once (so no field falls back to its default), some repeated, maybe a
 * forged extra; a form without fields always gets a forged one (an empty form is a valid one).
 */
const formFor = (fields: string[]) =>
  fc
    .tuple(
      fc.tuple(
        ...fields.map((name) =>
          fc
            .array(malformedValue, { minLength: 1, maxLength: 3 })
            .map((values) => values.map((value) => [name, value] as [string, string])),
        ),
      ),
      fields.length === 0 ? forgedField : fc.option(forgedField),
    )
    .map(([perField, forged]) => [...perField.flat(), ...(forged ? [forged] : [])]);

/** Dynamic segments as an attacker writes them: invalid UTF-8, NUL, traversal, stray percent signs, any text. */
const segment = fc.oneof(
  fc.constantFrom(
    "%ff",
    "%C0%AE",
    "%00",
    "%2e%2e",
    "..",
    "%",
    "%zz",
    "%E0%A4%A",
    "%ED%A0%80",
    "%F4%90%80%80",
    "a%2Fb",
    "%20",
    "x".repeat(3000),
  ),
  fc
    .uint8Array({ minLength: 1, maxLength: 24 })
    .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")),
  fc.string({ unit: "binary", minLength: 1, maxLength: 40 }).map((text) => {
    try {
      return encodeURIComponent(text);
    } catch {
      return "%ff"; // a lone surrogate cannot be encoded
    }
  }),
  fc.string({ minLength: 1, maxLength: 40 }).map((text) => text.replace(/[/?#\\]/g, "-")),
);
const routes: { template: string; method: "GET" | "POST" }[] = [
  { template: "/account/data/:s", method: "GET" },
  { template: "/account/requests/:s", method: "GET" },
  { template: "/account/purposes/history/:s/receipt", method: "GET" },
  { template: "/account/export/:s/download", method: "GET" },
  { template: "/unsubscribe/:s", method: "GET" },
  { template: "/unsubscribe/:s", method: "POST" },
  { template: "/api/unsubscribe/:s", method: "POST" },
  { template: "/api/v1/:s", method: "GET" },
  { template: "/support/customers/:s", method: "GET" },
  { template: "/support/requests/:s", method: "GET" },
  { template: "/support/customers/:s/requests/new", method: "GET" },
  { template: "/studio/integrations/:s", method: "GET" },
];
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 200,
});

/** Every table's row count and digest, read with the app stopped. */
async function snapshot() {
  await app.stop();
  const db = await openAppDatabase({ databaseUrl: database?.url, dataDir: app.dataDir });
  try {
    const tables = rowsOf<{ name: string }>(
      await db.execute(
        sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
      ),
    ).map((t) => t.name);
    const state: Record<string, string> = {};
    for (const table of tables.filter((t) => !volatileTables.has(t))) {
      const [row] = rowsOf<{ n: number; digest: string }>(
        await db.execute(
          sql.raw(
            `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${table}" t`,
          ),
        ),
      );
      state[table] = `${row!.n} rows ${row!.digest}`;
    }
    return state;
  } finally {
    await db.close();
    await app.start();
  }
}

test("fuzzing every action's fields and every dynamic route changes nothing and never answers 5xx", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const baseURL = app.baseURL;
  const actions = serverActions().filter((action) => !notFuzzed.has(action.name));
  expect(actions.map((a) => a.name).sort(), "every action of the build has its fields listed here").toEqual(
    Object.keys(actionFields).sort(),
  );

  const since = new Date();
  await page.goto(`${baseURL}/signin`);
  await page.locator("#email").fill("kari@example.com");
  await page.locator("form:has(#email) button[type=submit]").click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await openSignInLink(page, signInLinkFrom(await smtp.waitFor("kari@example.com", since)));
  await expect(page).toHaveURL(/\/account$/);
  const request: APIRequestContext = page.request;
  const before = await snapshot();

  const started = Date.now();
  const logFrom = app.log().length;
  let tried = 0;
  const serverErrors: string[] = [];
  async function send(label: string, go: () => Promise<APIResponse>): Promise<APIResponse> {
    tried += 1;
    const response = await go();
    if (response.status() >= 500) serverErrors.push(`${response.status()} ${label}`);
    return response;
  }

  // 1. Every action with malformed values in every field.
  for (const action of actions) {
    await fc.assert(
      fc.asyncProperty(formFor(actionFields[action.name]!), async (fields) => {
        const response = await send(action.name, () => callAction(request, { action, baseURL, fields }));
        const sent = `${action.name} ${JSON.stringify(fields).slice(0, 300)}`;
        expect(response.status(), sent).toBeLessThan(500);
        // Redirecting is how a filed request or a sign-in request answers success.
        expect(response.headers()["x-action-redirect"], sent).toBeUndefined();
      }),
      budget,
    );
  }

  // 2. Malformed envelopes around an action: random bytes or JSON, either content type, any Origin.
  const anyAction = fc.constantFrom(...actions);
  await fc.assert(
    fc.asyncProperty(
      anyAction,
      fc.oneof(
        fc.json({ depthSize: "large" }).filter((json) => !json.includes("$K")),
        fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
      ),
      fc.constantFrom(
        "text/plain;charset=UTF-8",
        "multipart/form-data; boundary=fuzz",
        "multipart/form-data",
        "application/json",
      ),
      fc.option(fc.oneof(fc.constant("null"), fc.webUrl(), printable)),
      async (action: ServerAction, body, contentType, origin) => {
        const response = await send(`${action.name} envelope`, () =>
          request.post(`${baseURL}${action.path}`, {
            data: body,
            headers: {
              "Next-Action": action.id,
              "Content-Type": contentType,
              Origin: origin ?? baseURL,
              Accept: "text/x-component",
            },
            maxRedirects: 0,
          }),
        );
        expect(response.status(), `${action.name} ${contentType} ${String(body).slice(0, 200)}`).toBeLessThan(500);
      },
    ),
    { ...budget, numRuns: runs * 4 },
  );

  // 3. Every dynamic route with malformed segments, for a person (text/html) and for a script.
  for (const { template, method } of routes) {
    await fc.assert(
      fc.asyncProperty(segment, fc.boolean(), async (value, asPerson) => {
        const path = template.replace(":s", value);
        const headers: Record<string, string> = asPerson ? { Accept: "text/html" } : {};
        const response = await send(`${method} ${template}`, () =>
          method === "GET"
            ? request.get(`${baseURL}${path}`, { headers, maxRedirects: 0 })
            : request.post(`${baseURL}${path}`, {
                headers,
                form: { "List-Unsubscribe": "One-Click" },
                maxRedirects: 0,
              }),
        );
        expect(response.status(), `${method} ${path.slice(0, 300)}`).toBeLessThan(500);
      }),
      budget,
    );
  }

  // 4. Sign-in link query values and the router's own headers.
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(printable, fc.webUrl(), fc.string({ unit: "binary", maxLength: 80 })),
      printable,
      async (callbackUrl, token) => {
        const query = new URLSearchParams({ callbackUrl, token, email: "kari@example.com" });
        const response = await send("sign-in link", () =>
          request.get(`${baseURL}/api/auth/callback/email?${query}`, { maxRedirects: 0 }),
        );
        expect(response.status(), callbackUrl).toBeLessThan(500);
      },
    ),
    budget,
  );
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(printable, fc.webUrl(), fc.string({ unit: "binary", maxLength: 80 })),
      printable,
      async (callbackUrl, token) => {
        const response = await send("sign-in link post", () =>
          request.post(`${baseURL}/api/auth/callback/email`, {
            form: { callbackUrl, token, email: "kari@example.com" },
            headers: { Origin: baseURL },
            maxRedirects: 0,
          }),
        );
        expect(response.status(), callbackUrl).toBeLessThan(500);
      },
    ),
    budget,
  );
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(printable, fc.json().map(encodeURIComponent)),
      fc.constantFrom("/privacy", "/account", "/signin"),
      async (state, path) => {
        const rsc = await computeCacheBustingSearchParam(undefined, undefined, state, undefined);
        const response = await send("router state", () =>
          request.get(`${baseURL}${path}?_rsc=${rsc}`, {
            headers: { RSC: "1", "Next-Router-State-Tree": state },
            maxRedirects: 0,
          }),
        );
        expect(response.status(), state).toBeLessThan(500);
      },
    ),
    budget,
  );

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const unexpected = app
    .log()
    .slice(logFrom)
    .split("\n")
    .filter((line) => / failed: |⨯/.test(line));
  console.log(
    `[fuzz] ${tried} requests, ${serverErrors.length} answered 5xx, ${unexpected.length} unexpected failures logged, in ${seconds} s`,
  );
  expect(serverErrors).toEqual([]);
  expect(unexpected).toEqual([]);

  expect(await snapshot()).toEqual(before);
});
