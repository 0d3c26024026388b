import { and, eq, isNull, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import {
  auditLog,
  customers,
  disclosures,
  erasedReferences,
  purposes,
  webhookAttempts,
  webhookMessages,
  webhookSubscriptions,
} from "@/db/schema";
import { recordConsentEvent } from "@/lib/consent/record-consent-event";
import { endGracePeriod } from "@/lib/erasure/erasure.test-support";
import { requestErasure } from "@/lib/erasure/request-erasure";
import { jobHandlers } from "@/lib/job-handlers";
import { runDueJobs } from "@/lib/jobs/runner";
import { erasedReferenceHash } from "@/lib/outbox/enqueue-webhook-event";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { createWebhookSubscription } from "./create-webhook-subscription";
import { claimDueWebhooks, pruneWebhookMessages, retryDelaySeconds, runDueWebhooks } from "./deliver-webhooks";
import { startAppWebhookWorker, stopAppWebhookWorker } from "./webhook-worker";
import { disableWebhookSubscription } from "./disable-webhook-subscription";
import { listWebhookAttempts, listWebhookDeliveries } from "./list-webhook-deliveries";
import { listWebhookSubscriptions } from "./list-webhook-subscriptions";
import { redeliverWebhookMessage } from "./redeliver-webhook-message";
import {
  disableAllSubscriptions,
  givenApiClient,
  givenConsentChange,
  givenReceiver,
  makePendingDue,
  messagesOf,
} from "./webhooks.test-support";

beforeAll(async () => {
  process.env.TILLIT_WEBHOOK_ALLOW_HTTP = "1";
  await givenPublishedPurposes();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await disableAllSubscriptions();
});

async function givenSubscription(url: string, eventTypes = ["consent.changed"], clientName?: string) {
  const client = await givenApiClient({ name: clientName });
  const { id, secret } = await createWebhookSubscription(client, { clientId: client.clientId, url, eventTypes });
  return { client, id, secret };
}

describe("delivery", () => {
  it("sends a consent change signed in the Standard Webhooks format, and records the disclosure", async () => {
    const receiver = await givenReceiver();
    const { secret, client } = await givenSubscription(receiver.url(), ["consent.changed"], "Nordic Mail AB");
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const customer = await givenCustomer("signed");
    await givenConsentChange(customer.customerId, "newsletter", "granted");

    expect(await runDueWebhooks(await getDb())).toEqual({ attempted: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    const [hit] = receiver.received;
    expect(hit!.headers["content-type"]).toBe("application/json");
    const verified = new Webhook(secret).verify(hit!.body, hit!.headers as Record<string, string>) as {
      type: string;
      data: Record<string, unknown>;
    };
    const db = await getDb();
    const [row] = await db.select().from(customers).where(eq(customers.id, customer.customerId));
    expect(verified.type).toBe("consent.changed");
    expect(verified.data).toMatchObject({
      customer: { customerNumber: row!.customerNumber, pseudonymousId: row!.pseudonymousId },
      purposeKey: "newsletter",
      action: "granted",
      source: "web",
    });
    expect(hit!.body).not.toContain(customer.customerId);
    // A tampered body does not verify.
    expect(() => new Webhook(secret).verify(hit!.body.replace("granted", "withdrawn"), hit!.headers as Record<string, string>)).toThrow();

    const [message] = await messagesOf(customer.customerId);
    expect(message).toMatchObject({ status: "delivered", attempts: 1, messageId: hit!.id });
    const shared = await db.select().from(disclosures).where(eq(disclosures.customerId, customer.customerId));
    expect(shared).toEqual([
      expect.objectContaining({
        recipientName: "Nordic Mail AB",
        recipientCountry: "SE",
        purposeKey: "newsletter",
        dataCategories: ["customerReference", "consentChoices"],
      }),
    ]);
    const log = await listWebhookDeliveries(client, { clientId: client.clientId });
    expect(log.items[0]).toMatchObject({ status: "delivered", attempts: 1, lastAttempt: { statusCode: 204 } });
    await receiver.stop();
  });

  it("keeps a customer's order when the first delivery fails and is retried", async () => {
    const receiver = await givenReceiver((_r, index) => (index === 0 ? 503 : 200));
    await givenSubscription(receiver.url());
    const customer = await givenCustomer("order");
    await givenConsentChange(customer.customerId, "newsletter", "granted");
    await givenConsentChange(customer.customerId, "newsletter", "withdrawn");
    const db = await getDb();
    const [first, second] = await messagesOf(customer.customerId);

    expect(await runDueWebhooks(db)).toEqual({ attempted: 1, delivered: 0 });
    // The second waits behind the first, though it is due.
    expect(receiver.received.map((r) => r.id)).toEqual([first!.messageId]);
    const [retrying] = await messagesOf(customer.customerId);
    expect(retrying).toMatchObject({ status: "pending", attempts: 1 });
    expect(retrying!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    await makePendingDue();
    await runDueWebhooks(db);
    expect(receiver.received.map((r) => r.id)).toEqual([first!.messageId, first!.messageId, second!.messageId]);
    expect((await messagesOf(customer.customerId)).map((m) => m.status)).toEqual(["delivered", "delivered"]);
    await receiver.stop();
  });

  it("delivers every event in order after the receiver was down for an hour", async () => {
    const receiver = await givenReceiver();
    await givenSubscription(receiver.url());
    await receiver.stop();
    const customer = await givenCustomer("down");
    const db = await getDb();
    for (const action of ["granted", "withdrawn", "granted"] as const) {
      await givenConsentChange(customer.customerId, "newsletter", action);
    }
    // An hour of refused connections: each retry fails, the later events wait.
    for (let i = 0; i < 5; i += 1) {
      await runDueWebhooks(db);
      await makePendingDue(0.2);
    }
    const down = await messagesOf(customer.customerId);
    expect(down.map((m) => m.status)).toEqual(["pending", "pending", "pending"]);
    expect(down.map((m) => m.attempts)).toEqual([5, 0, 0]);
    const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.messageId, down[0]!.id));
    expect(attempts.every((a) => a.error === "ECONNREFUSED" && a.statusCode === null)).toBe(true);

    await receiver.start();
    await makePendingDue();
    await runDueWebhooks(db);
    expect(receiver.received.map((r) => r.id)).toEqual(down.map((m) => m.messageId));
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { data: { action: string } }).data.action)).toEqual([
      "granted",
      "withdrawn",
      "granted",
    ]);
    expect((await messagesOf(customer.customerId)).every((m) => m.status === "delivered")).toBe(true);
    await receiver.stop();
  });

  it("sends again, with the same webhook-id, a message whose worker died mid-delivery", async () => {
    const receiver = await givenReceiver();
    await givenSubscription(receiver.url());
    const customer = await givenCustomer("crash");
    await givenConsentChange(customer.customerId, "newsletter", "granted");
    const db = await getDb();
    // A worker claims it and dies before posting.
    const claimed = await claimDueWebhooks(db);
    const mine = claimed.find((c) => c.eventType === "consent.changed")!;
    expect(mine).toBeDefined();
    expect(await runDueWebhooks(db)).toEqual({ attempted: 0, delivered: 0 });
    expect(receiver.received).toHaveLength(0);

    await db.update(webhookMessages).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(webhookMessages.id, mine.id));
    expect(await runDueWebhooks(db)).toEqual({ attempted: 1, delivered: 1 });
    expect(receiver.received.map((r) => r.id)).toEqual([mine.messageId]);
    await receiver.stop();
  });

  it("fails a message after 24 hours of retries, and lets the customer's next one go", async () => {
    const receiver = await givenReceiver((r) => (JSON.parse(r.body).data.action === "granted" ? 500 : 200));
    await givenSubscription(receiver.url());
    const customer = await givenCustomer("giveup");
    await givenConsentChange(customer.customerId, "newsletter", "granted");
    await givenConsentChange(customer.customerId, "newsletter", "withdrawn");
    const db = await getDb();
    await runDueWebhooks(db);
    expect((await messagesOf(customer.customerId)).map((m) => m.status)).toEqual(["pending", "pending"]);

    await makePendingDue(24);
    await runDueWebhooks(db);
    const after = await messagesOf(customer.customerId);
    expect(after.map((m) => [m.status, m.attempts])).toEqual([
      ["failed", 2],
      ["delivered", 1],
    ]);
    expect(receiver.received.map((r) => r.ok)).toEqual([false, false, true]);
    await receiver.stop();
  });

  it("backs off exponentially, capped at ten minutes, with jitter", () => {
    expect(retryDelaySeconds(1, () => 0.5)).toBe(5);
    expect(retryDelaySeconds(2, () => 0.5)).toBe(10);
    expect(retryDelaySeconds(20, () => 0.5)).toBe(600);
    expect(retryDelaySeconds(1, () => 0)).toBe(3.75);
    expect(retryDelaySeconds(1, () => 1)).toBe(6.25);
  });

  it("reaches the receiver within about a second through the app's worker, woken by the commit", async () => {
    const receiver = await givenReceiver();
    await givenSubscription(receiver.url());
    const customer = await givenCustomer("live");
    startAppWebhookWorker(getDb);
    try {
      const started = Date.now();
      await givenConsentChange(customer.customerId, "newsletter", "granted");
      await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 3_000, interval: 20 });
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      stopAppWebhookWorker();
      await receiver.stop();
    }
  });

  it("prunes delivered and failed messages after 30 days, and keeps what is pending", async () => {
    const customer = await givenCustomer("prune");
    await givenSubscription("http://127.0.0.1:9/hooks");
    for (const action of ["granted", "withdrawn", "granted"] as const) {
      await givenConsentChange(customer.customerId, "newsletter", action);
    }
    const db = await getDb();
    const [a, b, c] = await messagesOf(customer.customerId);
    await db.update(webhookMessages).set({ status: "delivered" }).where(eq(webhookMessages.id, a!.id));
    await db.update(webhookMessages).set({ status: "failed" }).where(eq(webhookMessages.id, b!.id));
    await db
      .update(webhookMessages)
      .set({ createdAt: sql`now() - interval '31 days'` })
      .where(eq(webhookMessages.customerId, customer.customerId));
    expect(await pruneWebhookMessages(db)).toBeGreaterThanOrEqual(2);
    expect((await messagesOf(customer.customerId)).map((m) => m.id)).toEqual([c!.id]);
  });

  it("does not follow redirects", async () => {
    const receiver = await givenReceiver(() => 307);
    await givenSubscription(receiver.url());
    const customer = await givenCustomer("redirect");
    await givenConsentChange(customer.customerId, "newsletter", "granted");
    await runDueWebhooks(await getDb());
    expect(receiver.received).toHaveLength(1);
    const [message] = await messagesOf(customer.customerId);
    expect(message).toMatchObject({ status: "pending", attempts: 1 });
    await receiver.stop();
  });
});

describe("receivers inside our own network", () => {
  it("are not posted to in production, even by a subscription made before, until they are allowed", async () => {
    // A subscription checked when it was made (here: outside production), whose receiver is
    // this machine when the delivery goes — as if its name had been re-pointed since.
    const receiver = await givenReceiver();
    await givenSubscription(receiver.url());
    const customer = await givenCustomer("inside");
    await givenConsentChange(customer.customerId, "newsletter", "granted");
    const db = await getDb();
    vi.stubEnv("NODE_ENV", "production");
    expect(await runDueWebhooks(db)).toEqual({ attempted: 1, delivered: 0 });
    expect(receiver.received).toHaveLength(0);
    const [message] = await messagesOf(customer.customerId);
    expect(message).toMatchObject({ status: "pending", attempts: 1 });
    const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.messageId, message!.id));
    expect(attempts.map((a) => [a.statusCode, a.error])).toEqual([[null, "EPRIVATEADDRESS"]]);

    vi.stubEnv("TILLIT_WEBHOOK_ALLOW_PRIVATE", "1");
    await makePendingDue();
    expect(await runDueWebhooks(db)).toEqual({ attempted: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    await receiver.stop();
  });
});

describe("the outbox", () => {
  it("is written in the change's transaction: a rollback leaves no message and no disclosure", async () => {
    await givenSubscription("http://127.0.0.1:9/hooks");
    const customer = await givenCustomer("rollback");
    const db = await getDb();
    const [purpose] = await db
      .select()
      .from(purposes)
      .where(and(eq(purposes.key, "newsletter"), eq(purposes.status, "published")));
    await expect(
      db.transaction(async (tx) => {
        await recordConsentEvent(tx, {
          customerId: customer.customerId,
          purpose: purpose!,
          action: "granted",
          source: { channel: "web", userAgent: null, locale: "en" },
          method: "switch",
        });
        expect((await tx.select().from(webhookMessages).where(eq(webhookMessages.customerId, customer.customerId))).length).toBe(1);
        throw new Error("the change fails");
      }),
    ).rejects.toThrow("the change fails");
    expect(await messagesOf(customer.customerId)).toEqual([]);
    expect(await db.select().from(disclosures).where(eq(disclosures.customerId, customer.customerId))).toEqual([]);
  });

  it("writes nothing when no active subscription wants the event", async () => {
    await givenSubscription("http://127.0.0.1:9/hooks", ["request.filed"]);
    const disabled = await givenSubscription("http://127.0.0.1:9/hooks", ["consent.changed"]);
    await disableWebhookSubscription(disabled.client, { subscriptionId: disabled.id });
    const revoked = await givenSubscription("http://127.0.0.1:9/hooks", ["consent.changed"]);
    const db = await getDb();
    await db.execute(sql`update api_clients set revoked_at = now() where id = ${revoked.client.clientId}`);
    const customer = await givenCustomer("nobody");
    await givenConsentChange(customer.customerId, "newsletter", "granted");
    expect(await messagesOf(customer.customerId)).toEqual([]);
    expect(await db.select().from(disclosures).where(eq(disclosures.customerId, customer.customerId))).toEqual([]);
  });

  it("fans out to each subscription, and covers preference saves and filed requests", async () => {
    const receiver = await givenReceiver();
    await givenSubscription(receiver.url(), ["preference.changed", "request.filed"]);
    await givenSubscription(receiver.url(), ["request.filed"]);
    const customer = await givenCustomer("fanout");
    const { setCommunicationPreferences } = await import("@/lib/preferences/set-communication-preferences");
    await setCommunicationPreferences(customer, { changes: [{ channel: "email", topic: "newsletter", allowed: false }] });
    const { restrictProcessing } = await import("@/lib/requests/restrict-processing");
    await restrictProcessing(customer, { ground: "accuracy_contested", reason: "I dispute the accuracy" });
    const messages = await messagesOf(customer.customerId);
    expect(messages.filter((m) => m.eventType === "preference.changed")).toHaveLength(1);
    const requestMessages = messages.filter((m) => m.eventType === "request.filed");
    expect(requestMessages).toHaveLength(2);
    expect(requestMessages[0]!.payload).toMatchObject({ type: "request.filed", data: { kind: "restriction" } });
    const pref = messages.find((m) => m.eventType === "preference.changed")!;
    expect(pref.payload).toMatchObject({ data: { changes: [{ channel: "email", topic: "newsletter", allowed: false }] } });
    await runDueWebhooks(await getDb());
    expect(receiver.received.length).toBe(messages.length);
    await receiver.stop();
  });
});

describe("erasure", () => {
  it("notifies subscribers with the identifiers, empties the notice once delivered, and keeps erased references", async () => {
    const receiver = await givenReceiver();
    const { secret } = await givenSubscription(receiver.url(), ["customer.erased", "consent.changed"]);
    const customer = await givenCustomer("erased");
    const db = await getDb();
    const [row] = await db.select().from(customers).where(eq(customers.id, customer.customerId));
    await givenConsentChange(customer.customerId, "newsletter", "granted");
    const { requestId } = await requestErasure({ ...customer, signedInAt: new Date() });
    await endGracePeriod(db, requestId);
    expect(await runDueJobs(db, jobHandlers)).toBe(1);

    // The customer's undelivered message went with them; the notice has no customer id.
    expect(await messagesOf(customer.customerId)).toEqual([]);
    const notices = await db
      .select()
      .from(webhookMessages)
      .where(and(eq(webhookMessages.eventType, "customer.erased"), isNull(webhookMessages.customerId), eq(webhookMessages.status, "pending")));
    expect(notices).toHaveLength(1);
    const refs = await db.select().from(erasedReferences);
    expect(refs.map((r) => r.referenceHash)).toEqual(
      expect.arrayContaining([
        erasedReferenceHash("n", row!.customerNumber),
        erasedReferenceHash("p", row!.pseudonymousId),
      ]),
    );
    expect(JSON.stringify(refs)).not.toContain(row!.pseudonymousId);

    await runDueWebhooks(db);
    const hit = receiver.received.find((r) => r.id === notices[0]!.messageId)!;
    const verified = new Webhook(secret).verify(hit.body, hit.headers as Record<string, string>);
    expect(verified).toMatchObject({
      type: "customer.erased",
      data: { customer: { customerNumber: row!.customerNumber, pseudonymousId: row!.pseudonymousId } },
    });
    const [after] = await db.select().from(webhookMessages).where(eq(webhookMessages.id, notices[0]!.id));
    expect(after).toMatchObject({ status: "delivered", payload: {} });
    const anywhere = await db.execute(sql`select count(*)::int as n from webhook_messages where payload::text like ${`%${row!.pseudonymousId}%`}`);
    expect(JSON.stringify(anywhere)).toContain('"n":0');
    await receiver.stop();
  });
});

describe("subscriptions", () => {
  it("stores the secret encrypted and shows it only once", async () => {
    const { id, secret, client } = await givenSubscription("https://hooks.example.com/tillit", ["consent.changed", "customer.erased"]);
    const db = await getDb();
    const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    expect(row!.secretCiphertext).not.toContain(secret.slice(6, 20));
    const listed = await listWebhookSubscriptions(client, { clientId: client.clientId });
    expect(listed.subscriptions).toEqual([
      expect.objectContaining({ id, url: "https://hooks.example.com/tillit", eventTypes: ["consent.changed", "customer.erased"] }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(secret);
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, id)).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(["webhook_subscription.created"]);
  });

  it("lets product staff manage any client, and audits their changes", async () => {
    const product = await givenStaff("product");
    const client = await givenApiClient();
    const { id } = await createWebhookSubscription(product, {
      clientId: client.clientId,
      url: "https://hooks.example.com/a",
      eventTypes: ["request.filed"],
    });
    await disableWebhookSubscription(product, { subscriptionId: id });
    const db = await getDb();
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, id)).orderBy(auditLog.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["webhook_subscription.created", product.userId],
      ["webhook_subscription.disabled", product.userId],
    ]);
    const listed = await listWebhookSubscriptions(product, { clientId: client.clientId });
    expect(listed.subscriptions[0]!.disabledAt).toBeInstanceOf(Date);
    const agent = await givenStaff("agent");
    await expect(listWebhookSubscriptions(agent, { clientId: client.clientId })).rejects.toMatchObject({ code: "forbidden" });
    const customer = await givenCustomer("nosy");
    await expect(
      createWebhookSubscription(customer, { clientId: client.clientId, url: "https://a.example", eventTypes: ["request.filed"] }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses bad input", async () => {
    const client = await givenApiClient();
    const create = (url: string, eventTypes: string[]) =>
      createWebhookSubscription(client, { clientId: client.clientId, url, eventTypes });
    vi.stubEnv("TILLIT_WEBHOOK_ALLOW_HTTP", "");
    await expect(create("http://hooks.example.com/x", ["consent.changed"])).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { url: "httpsOnly" },
    });
    await expect(create("ftp://hooks.example.com/x", ["consent.changed"])).rejects.toMatchObject({
      fieldErrors: { url: "httpsOnly" },
    });
    await expect(create(`https://example.com/${"a".repeat(2000)}`, ["consent.changed"])).rejects.toMatchObject({
      fieldErrors: { url: "tooLong" },
    });
    vi.stubEnv("NODE_ENV", "production");
    for (const url of ["https://127.0.0.1/x", "https://10.1.2.3/x", "https://localhost/x", "https://[::1]/x", "https://169.254.169.254/latest", "https://192.168.0.5/"]) {
      await expect(create(url, ["consent.changed"]), url).rejects.toMatchObject({ fieldErrors: { url: "privateHost" } });
    }
    vi.stubEnv("TILLIT_WEBHOOK_ALLOW_PRIVATE", "1");
    await expect(create("https://10.1.2.3/x", ["consent.changed"])).resolves.toMatchObject({ id: expect.any(String) });
    vi.unstubAllEnvs();
    await expect(create("https://hooks.example.com/x", [])).rejects.toMatchObject({
      fieldErrors: { eventTypes: "chooseEventType" },
    });
    await expect(create("https://hooks.example.com/x", ["consent.deleted"])).rejects.toMatchObject({
      fieldErrors: { eventTypes: "unknownEventType" },
    });
    const revoked = await givenApiClient({ revoked: true });
    await expect(
      createWebhookSubscription(revoked, { clientId: revoked.clientId, url: "https://a.example", eventTypes: ["consent.changed"] }),
    ).rejects.toMatchObject({ code: "conflict", messageKey: "clientRevoked" });
  });

  it("hides another client's subscriptions and deliveries as not found", async () => {
    const owner = await givenApiClient();
    const other = await givenApiClient();
    const { id } = await createWebhookSubscription(owner, {
      clientId: owner.clientId,
      url: "https://hooks.example.com/mine",
      eventTypes: ["consent.changed"],
    });
    await expect(disableWebhookSubscription(other, { subscriptionId: id })).rejects.toMatchObject({ code: "not_found" });
    await expect(listWebhookSubscriptions(other, { clientId: owner.clientId })).rejects.toMatchObject({ code: "not_found" });
    await expect(listWebhookDeliveries(other, { clientId: owner.clientId })).rejects.toMatchObject({ code: "not_found" });
    await expect(
      createWebhookSubscription(other, { clientId: owner.clientId, url: "https://a.example", eventTypes: ["consent.changed"] }),
    ).rejects.toMatchObject({ code: "not_found" });
    const db = await getDb();
    const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    expect(row!.disabledAt).toBeNull();
  });
});

describe("redelivery", () => {
  it("sends a delivered message again, records who asked, and audits it", async () => {
    const receiver = await givenReceiver();
    const { client } = await givenSubscription(receiver.url());
    const product = await givenStaff("product");
    const customer = await givenCustomer("again");
    await givenConsentChange(customer.customerId, "newsletter", "granted");
    const db = await getDb();
    await runDueWebhooks(db);
    const [message] = await messagesOf(customer.customerId);
    await expect(redeliverWebhookMessage(await givenApiClient(), { messageId: message!.id })).rejects.toMatchObject({
      code: "not_found",
    });

    await redeliverWebhookMessage(product, { messageId: message!.id });
    await expect(redeliverWebhookMessage(product, { messageId: message!.id })).rejects.toMatchObject({
      code: "conflict",
      messageKey: "alreadyPending",
    });
    await runDueWebhooks(db);
    expect(receiver.received.map((r) => r.id)).toEqual([message!.messageId, message!.messageId]);
    const attempts = await listWebhookAttempts(product, { clientId: client.clientId, messageId: message!.id });
    expect(attempts.map((a) => a.redelivered)).toEqual([true, false]);
    const [redelivered] = await db
      .select()
      .from(webhookAttempts)
      .where(and(eq(webhookAttempts.messageId, message!.id), sql`${webhookAttempts.redeliveredBy} is not null`));
    expect(redelivered!.redeliveredBy).toBe(product.userId);
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, String(message!.id)));
    expect(audit.map((a) => a.action)).toEqual(["webhook_message.redelivered"]);
    await receiver.stop();
  });
});
