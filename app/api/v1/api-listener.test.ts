import { readdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customerAccessLog } from "@/db/schema";
import { bulkCheckBody, consentDecisionBody, errorBody } from "@/lib/integration/api-operations";
import { givenApiClient, referencesOf } from "@/lib/integration/integration.test-support";
import { givenConsent, givenPreferencePurposes } from "@/lib/preferences/preferences.test-support";
import { givenCustomer } from "@/lib/testing/factories";
import { apiRouteModules, matchApiRoute, startApiListener } from "./api-listener";

let server: Server;
let base: string;
let client: Awaited<ReturnType<typeof givenApiClient>>;

beforeAll(async () => {
  await givenPreferencePurposes();
  client = await givenApiClient(["consent.read", "consent.check.bulk"], "Web shop");
  server = await startApiListener(0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function call(pathname: string, init: RequestInit & { token?: string | null } = {}) {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? client.token : init.token;
  if (token) headers.set("authorization", `Bearer ${token}`);
  return fetch(`${base}${pathname}`, { ...init, headers });
}

describe("the integration API's own port", () => {
  it("knows every route file under app/api/v1, and picks routes as Next's file routing does", () => {
    const folders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(dir, entry.name));
        else if (entry.name === "route.ts") folders.push(path.relative("app/api/v1", dir).split(path.sep).join("/"));
      }
    };
    walk("app/api/v1");
    expect(Object.keys(apiRouteModules).sort()).toEqual(folders.sort());

    expect(matchApiRoute("/api/v1/customers/100001/consents/newsletter")).toEqual({
      module: apiRouteModules["customers/[customer]/consents/[purpose]"],
      params: { customer: "100001", purpose: "newsletter" },
    });
    expect(matchApiRoute("/api/v1/webhooks/a%20b")).toMatchObject({ params: { id: "a b" } });
    expect(matchApiRoute("/api/v1/openapi.json")).toMatchObject({ module: apiRouteModules["openapi.json"] });
    expect(matchApiRoute("/api/v1/openapiXjson")).toMatchObject({ module: apiRouteModules["[...path]"] });
    expect(matchApiRoute("/api/v1/customers/%E0%A4%A/consents/newsletter")).toBe("malformed");
    expect(matchApiRoute("/account")).toBeNull();
  });

  it("answers a decision as the route does, and logs the read in the customer's access list", async () => {
    const kari = await givenCustomer("kari");
    await givenConsent(kari, "newsletter", true);
    const { number } = await referencesOf(kari.customerId);
    const response = await call(`/api/v1/customers/${number}/consents/newsletter?channel=email`);
    expect(response.status).toBe(200);
    expect(consentDecisionBody.parse(await response.json())).toMatchObject({
      customer: number,
      decision: "allow",
      reason: "granted",
    });
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const db = await getDb();
    const reads = await db
      .select()
      .from(customerAccessLog)
      .where(and(eq(customerAccessLog.customerId, kari.customerId), eq(customerAccessLog.staffRole, "system")));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ staffDisplayName: "Web shop", field: "newsletter" });
  });

  it("takes a bulk check's body, and refuses one past the cap without reading it all", async () => {
    const ola = await givenCustomer("ola");
    const { pseudonym } = await referencesOf(ola.customerId);
    const ok = await call("/api/v1/consent-checks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ purpose: "newsletter", customers: [pseudonym, "999999999"] }),
    });
    expect(ok.status).toBe(200);
    expect(bulkCheckBody.parse(await ok.json()).results.map((r) => r.reason)).toEqual([
      "not_asked",
      "unknown_customer",
    ]);

    const huge = JSON.stringify({ purpose: "newsletter", customers: [pseudonym], padding: "x".repeat(2_000_000) });
    const refused = await call("/api/v1/consent-checks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: huge,
    });
    expect(refused.status).toBe(413);
    expect(errorBody.parse(await refused.json()).error.code).toBe("payload_too_large");
  });

  it("refuses as the app's port does: no token, unknown path, malformed path, wrong method, in the caller's language", async () => {
    const anonymous = await call("/api/v1/customers/100001/consents/newsletter", { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(errorBody.parse(await anonymous.json()).error.code).toBe("unauthenticated");

    const unknown = await call("/api/v1/nothing-here", { headers: { "accept-language": "nb" } });
    expect(unknown.status).toBe(404);
    expect(errorBody.parse(await unknown.json()).error).toMatchObject({ code: "not_found" });
    expect((await call("/account")).status).toBe(404);
    const malformed = await call("/api/v1/customers/%E0%A4%A/consents/newsletter");
    expect(malformed.status).toBe(400);
    expect(errorBody.parse(await malformed.json()).error.code).toBe("invalid_request");

    const put = await call("/api/v1/customers/100001/consents/newsletter", { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toContain("GET");
    const options = await call("/api/v1/consent-checks", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toMatch(/POST.*OPTIONS/);

    const spec = await call("/api/v1/openapi.json", { token: null, method: "HEAD" });
    expect(spec.status).toBe(200);
    expect(spec.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await spec.text()).toBe("");
  });
});
