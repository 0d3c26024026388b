import { beforeAll, describe, expect, it, vi } from "vitest";
import { DELETE as disable } from "@/app/api/v1/webhooks/[id]/route";
import { GET as list, POST as create } from "@/app/api/v1/webhooks/route";
import { getDb } from "@/db";
import { webhookSubscriptions } from "@/db/schema";
import { eq } from "drizzle-orm";
import { errorBody, operations } from "./api-operations";
import { givenApiClient } from "./integration.test-support";

let owner: Awaited<ReturnType<typeof givenApiClient>>;
let other: Awaited<ReturnType<typeof givenApiClient>>;

beforeAll(async () => {
  owner = await givenApiClient(["webhooks.manage"], "Email platform");
  other = await givenApiClient(["webhooks.manage", "consent.read"], "Web shop");
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const post = (token: string, body: unknown) =>
  create(
    new Request("http://localhost/api/v1/webhooks", {
      method: "POST",
      headers: { ...auth(token), "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
const get = (token: string) => list(new Request("http://localhost/api/v1/webhooks", { headers: auth(token) }), { params: Promise.resolve({}) });
const del = (token: string, id: string) =>
  disable(new Request(`http://localhost/api/v1/webhooks/${id}`, { method: "DELETE", headers: auth(token) }), {
    params: Promise.resolve({ id }),
  });

describe("webhook subscriptions through the API", () => {
  it("a client subscribes (the secret once), lists its own only, and stops one; another client's is not found", async () => {
    const response = await post(owner.token, { url: "https://hooks.example.com/tillit", eventTypes: ["consent.changed", "customer.erased"] });
    expect(response.status).toBe(201);
    const created = operations.createWebhook.response.parse(await response.json());
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.eventTypes).toEqual(["consent.changed", "customer.erased"]);

    const mine = operations.listWebhooks.response.parse(await (await get(owner.token)).json());
    expect(mine.subscriptions.map((s) => s.id)).toEqual([created.id]);
    expect(JSON.stringify(mine)).not.toContain(created.secret);
    expect((await (await get(other.token)).json()).subscriptions).toEqual([]);

    const foreign = await del(other.token, created.id);
    expect(foreign.status).toBe(404);
    errorBody.parse(await foreign.json());
    const stopped = await del(owner.token, created.id);
    expect(stopped.status).toBe(200);
    expect((await stopped.json()).disabledAt).not.toBeNull();
  });

  it("refuses plain http, private hosts, no event types and unknown ones, writing nothing", async () => {
    vi.stubEnv("TILLIT_WEBHOOK_ALLOW_HTTP", "");
    const before = await (await getDb()).$count(webhookSubscriptions);
    const cases: [unknown, string][] = [
      [{ url: "http://hooks.example.com/x", eventTypes: ["consent.changed"] }, "https_only"],
      [{ url: "https://hooks.example.com/x", eventTypes: [] }, "invalid_request"],
      [{ url: "https://hooks.example.com/x", eventTypes: ["consent.deleted"] }, "invalid_request"],
      [{ url: "not a url", eventTypes: ["consent.changed"] }, "invalid_url"],
    ];
    for (const [body, code] of cases) {
      const response = await post(owner.token, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = errorBody.parse(await response.json()).error;
      expect([error.code, ...(error.details ?? []).map((d) => d.code)]).toContain(code);
    }
    expect(await (await getDb()).$count(webhookSubscriptions)).toBe(before);
    vi.unstubAllEnvs();
  });

  it("refuses an address that would be read otherwise than it is delivered to, and keeps the parser's spelling", async () => {
    vi.stubEnv("TILLIT_WEBHOOK_ALLOW_HTTP", "1");
    vi.stubEnv("TILLIT_WEBHOOK_ALLOW_PRIVATE", "1");
    const client = await givenApiClient(["webhooks.manage"], "Strict URLs");
    const before = await (await getDb()).$count(webhookSubscriptions);
    for (const url of [
      "https://hooks.example.com/\r\nX-Injected: 1",
      "https://hooks.exa\nmple.com/",
      "https://hooks.example.com/a b",
      "https://hooks.example.com/a\tb",
      "https://hooks.example.com/a\u0000b",
      "https://hooks.example.com/a\ud800b",
      "https://hooks.example.com/\u200e",
      "https://:@hooks.example.com/",
      "https://evil.example\\@hooks.example.com/",
      "https://hooks.example.com\\@evil.example/",
      "https:hooks.example.com/",
      "https:/hooks.example.com/",
    ]) {
      const response = await post(client.token, { url, eventTypes: ["consent.changed"] });
      expect(response.status, url).toBe(400);
      const error = errorBody.parse(await response.json()).error;
      expect(error.code, url).toBe("invalid_request");
      expect(error.details, url).toEqual([expect.objectContaining({ path: "body.url", code: "invalid_url" })]);
    }
    expect(await (await getDb()).$count(webhookSubscriptions)).toBe(before);

    const response = await post(client.token, { url: "  HTTPS://Hooks.Example.COM:443/In?x=1  ", eventTypes: ["request.filed", "request.filed"] });
    expect(response.status).toBe(201);
    const created = operations.createWebhook.response.parse(await response.json());
    expect(created.url, "as it is delivered to").toBe("https://hooks.example.com/In?x=1");
    expect(created.eventTypes, "each type once").toEqual(["request.filed"]);
    const [stored] = await (await getDb())
      .select({ url: webhookSubscriptions.url })
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, created.id));
    expect(stored!.url).toBe("https://hooks.example.com/In?x=1");

    // Its id in capitals names the same subscription.
    const stopped = await del(client.token, created.id.toUpperCase());
    expect(stopped.status).toBe(200);
    expect((await stopped.json()).id).toBe(created.id);
    vi.unstubAllEnvs();
  });

  it("keeps a client to 20 active subscriptions, counted one after another when created at once", async () => {
    const client = await givenApiClient(["webhooks.manage"], "Many receivers");
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        post(client.token, { url: `https://hooks.example.com/${i}`, eventTypes: ["consent.changed"] }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    const refused = errorBody.parse(await answers[statuses.indexOf(409)]!.json()).error;
    expect(refused.code).toBe("too_many_subscriptions");
    expect((await (await get(client.token)).json()).subscriptions).toHaveLength(20);

    // One stopped makes room for one more.
    const [first] = (await (await get(client.token)).json()).subscriptions as { id: string }[];
    expect((await del(client.token, first!.id)).status).toBe(200);
    expect((await post(client.token, { url: "https://hooks.example.com/again", eventTypes: ["consent.changed"] })).status).toBe(201);
  });

  it("needs webhooks.manage", async () => {
    const reader = await givenApiClient(["consent.read"]);
    expect((await get(reader.token)).status).toBe(403);
  });
});
