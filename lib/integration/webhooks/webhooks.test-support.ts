import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { apiClients, purposes, webhookMessages, webhookSubscriptions } from "@/db/schema";
import type { ApiClientActor } from "@/lib/auth/actor";
import { recordConsentEvent } from "@/lib/consent/record-consent-event";

export type Received = { headers: IncomingHttpHeaders; body: string; id: string; ok: boolean };

/**
 * A webhook receiver on a random port. `answer` decides each response (2xx = accepted);
 * `stop()` closes the port so that posts are refused, `start()` opens the same one again.
 */
export async function givenReceiver(answer: (r: Received, index: number) => number = () => 204) {
  const received: Received[] = [];
  let server: Server | undefined;
  let port = 0;
  const start = async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const entry = {
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          id: String(req.headers["webhook-id"] ?? ""),
          ok: false,
        };
        const status = answer(entry, received.length);
        entry.ok = status >= 200 && status < 300;
        received.push(entry);
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    port = (server!.address() as AddressInfo).port;
  };
  const stop = async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    server = undefined;
  };
  await start();
  return { received, start, stop, url: () => `http://127.0.0.1:${port}/hooks` };
}

export async function givenApiClient(
  options: { name?: string; country?: string; revoked?: boolean } = {},
): Promise<ApiClientActor> {
  const db = await getDb();
  const name = options.name ?? `Shop ${randomBytes(3).toString("hex")}`;
  const [client] = await db
    .insert(apiClients)
    .values({
      name,
      scopes: ["webhooks.manage"],
      country: options.country ?? "SE",
      createdBy: "cli",
      revokedAt: options.revoked ? new Date() : null,
    })
    .returning();
  // No token: these use cases act on the client, not on a call's proof of its token.
  return { kind: "api_client", clientId: client!.id, name, scopes: ["webhooks.manage"], tokenHash: "" };
}

/** A consent change through the one writer, in its own transaction. */
export async function givenConsentChange(customerId: string, purposeKey: string, action: "granted" | "withdrawn") {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [purpose] = await tx
      .select()
      .from(purposes)
      .where(and(eq(purposes.key, purposeKey), eq(purposes.status, "published")))
      .limit(1);
    await recordConsentEvent(tx, {
      customerId,
      purpose: purpose!,
      action,
      source: { channel: "web", userAgent: "vitest", locale: "en" },
      method: "switch",
    });
  });
}

export async function messagesOf(customerId: string) {
  const db = await getDb();
  return db.select().from(webhookMessages).where(eq(webhookMessages.customerId, customerId)).orderBy(webhookMessages.id);
}

/** Time travel for the outbox: every pending message is due now (the retry wait is over). */
export async function makePendingDue(shiftCreatedHours = 0) {
  const db = await getDb();
  await db
    .update(webhookMessages)
    .set({
      nextAttemptAt: sql`now() - interval '1 second'`,
      createdAt: sql`${webhookMessages.createdAt} - make_interval(secs => ${shiftCreatedHours * 3600})`,
    })
    .where(eq(webhookMessages.status, "pending"));
}

/** Ends every subscription of earlier tests, so their receivers get nothing more. */
export async function disableAllSubscriptions() {
  const db = await getDb();
  await db.update(webhookSubscriptions).set({ disabledAt: sql`now()` });
  await db.update(webhookMessages).set({ status: "failed" }).where(eq(webhookMessages.status, "pending"));
}
