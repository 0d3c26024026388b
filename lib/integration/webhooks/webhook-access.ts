import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { apiClients, type ApiClient } from "@/db/schema";
import type { Actor, ApiClientActor, StaffActor } from "@/lib/auth/actor";
import { assertCan, assertStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

export type WebhookManager = StaffActor | ApiClientActor;

/**
 * Who may manage a client's webhooks: product staff with integrations.manage (any
 * client), or an API client with webhooks.manage (its own only: another client's is
 * not found, as an unknown one is).
 */
export function assertWebhookManager(actor: Actor | null): WebhookManager {
  if (actor?.kind === "api_client") {
    assertCan(actor, "webhooks.manage");
    return actor;
  }
  return assertStaff(actor, "integrations.manage");
}

export async function readManagedClient(db: Executor, actor: WebhookManager, clientId: string): Promise<ApiClient> {
  if (actor.kind === "api_client" && actor.clientId !== clientId) throw new AppError("not_found");
  const [client] = await db.select().from(apiClients).where(eq(apiClients.id, clientId)).limit(1);
  if (!client) throw new AppError("not_found");
  return client;
}
