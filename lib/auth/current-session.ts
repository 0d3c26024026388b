import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db";
import { sessions, users } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { actorForUser, type Actor } from "./actor";

/** The session row as this request found it, before any bookkeeping touched it. */
export type LiveSession = {
  sessionToken: string;
  userId: string;
  userAgent: string | null;
  lastSeenAt: Date | null;
};

/**
 * Auth.js's cookie name for this deployment: over https only the __Secure- prefixed
 * one, which a plain-http response or a sibling subdomain cannot plant.
 */
function sessionCookieName(): string {
  return appUrl().startsWith("https:") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** The session token of this request's cookie (the credential: never send it to a page). */
export const currentSessionToken = cache(async (): Promise<string | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  return token && token.length <= 256 ? token : null;
});

/**
 * The signed-in principal of this request and its session, or null (no cookie, unknown or
 * expired session). Pages and actions use `currentActor` (lib/current-actor.ts), which
 * also does the request's bookkeeping.
 */
export const currentSession = cache(async (): Promise<{ actor: Actor; session: LiveSession } | null> => {
  const token = await currentSessionToken();
  return token ? findLiveSession(token) : null;
});

export async function actorForSessionToken(token: string): Promise<Actor | null> {
  return (await findLiveSession(token))?.actor ?? null;
}

/** A staff session ends after 8 hours without a request and 12 hours after sign-in. */
export const STAFF_SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const STAFF_SESSION_MAX_MS = 12 * 60 * 60 * 1000;

/**
 * Whether a staff member's session is over. Staff see more than any customer, so an
 * unattended or all-day session is not left open; `lastSeenAt` is kept to within five
 * minutes (lib/sessions/touch-session.ts), which is precise enough for an 8-hour rule.
 */
export function staffSessionEnded(session: { createdAt: Date; lastSeenAt: Date | null }, now: Date): boolean {
  const lastSeen = session.lastSeenAt ?? session.createdAt;
  return (
    now.getTime() - session.createdAt.getTime() > STAFF_SESSION_MAX_MS ||
    now.getTime() - lastSeen.getTime() > STAFF_SESSION_IDLE_MS
  );
}

async function findLiveSession(token: string): Promise<{ actor: Actor; session: LiveSession } | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      userAgent: sessions.userAgent,
      lastSeenAt: sessions.lastSeenAt,
      createdAt: sessions.createdAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, new Date())))
    .limit(1);
  if (!row) return null;
  if (row.role !== "customer" && staffSessionEnded(row, new Date())) {
    // Ended for good: the row goes, so the cookie can never open it again.
    await db.delete(sessions).where(eq(sessions.sessionToken, token));
    return null;
  }
  return {
    actor: actorForUser(row, row.createdAt),
    session: { sessionToken: token, userId: row.id, userAgent: row.userAgent, lastSeenAt: row.lastSeenAt },
  };
}
