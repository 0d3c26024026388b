import "server-only";
import { and, desc, gte } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { signInEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope, type CustomerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { SIGN_IN_HISTORY_DAYS } from "@/lib/security/purge-expired";
import { describeUserAgent } from "./describe-user-agent";

export const SIGN_IN_LIST_LIMIT = 250;

export type SignInDto = { id: string; occurredAt: Date; browser: string | null; os: string | null };

/** The signed-in customer's sign-ins of the last 90 days, newest first (at most SIGN_IN_LIST_LIMIT). */
export async function listSignIns(actor: Actor | null, now = new Date()): Promise<SignInDto[]> {
  const customer = assertCustomer(actor, "sessions.read.own");
  return readSignIns(await getDb(), customer, now);
}

/** One customer's sign-ins of the last 90 days, for a caller that has checked who may see them (a logged staff access). */
export async function readSignIns(db: Executor, scope: CustomerScope, now = new Date()): Promise<SignInDto[]> {
  const since = new Date(now.getTime() - SIGN_IN_HISTORY_DAYS * 24 * 60 * 60 * 1000);
  const rows = await db
    .select({ id: signInEvents.id, occurredAt: signInEvents.occurredAt, userAgent: signInEvents.userAgent })
    .from(signInEvents)
    .where(and(customerScope(signInEvents, scope), gte(signInEvents.occurredAt, since)))
    .orderBy(desc(signInEvents.occurredAt), desc(signInEvents.id))
    .limit(SIGN_IN_LIST_LIMIT);
  return rows.map((row) => ({ id: row.id, occurredAt: row.occurredAt, ...describeUserAgent(row.userAgent) }));
}
