import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { getDb } from "@/db";
import { sessions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { publicSessionId } from "./session-id";

/**
 * Signs the customer out on one of their other devices. The id is the opaque one from
 * listSessions; an unknown id, another customer's session or this very session
 * (signing out here is the header's job) is not found, and nothing changes.
 */
export async function revokeSession(
  actor: Actor | null,
  options: { sessionId: string; currentSessionToken: string | null },
): Promise<void> {
  const customer = assertCustomer(actor, "sessions.write.own");
  const db = await getDb();
  const own = await db
    .select({ sessionToken: sessions.sessionToken })
    .from(sessions)
    .where(and(customerScope(sessions, customer), gt(sessions.expires, new Date())));
  const target = own.find(
    (s) => s.sessionToken !== options.currentSessionToken && publicSessionId(s.sessionToken) === options.sessionId,
  );
  if (!target) throw new AppError("not_found");
  await db
    .delete(sessions)
    .where(and(customerScope(sessions, customer), eq(sessions.sessionToken, target.sessionToken)));
}
