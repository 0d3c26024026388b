import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db";
import { sessions, users } from "@/db/schema";
import { applyGlobalPrivacyControl } from "@/lib/consent/apply-global-privacy-control";
import { appUrl } from "@/lib/env";
import { resolveLocale } from "@/lib/i18n/request";
import { touchSession, type SessionSeen } from "@/lib/sessions/touch-session";
import { actorForUser, type Actor } from "./actor";

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

/** The signed-in principal for this request, or null (no cookie, unknown or expired session). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const token = await currentSessionToken();
  if (!token) return null;
  const found = await findLiveSession(token);
  if (!found) return null;
  await touchSessionQuietly(found.session);
  await honourGlobalPrivacyControl(found.actor);
  return found.actor;
});

export async function actorForSessionToken(token: string): Promise<Actor | null> {
  return (await findLiveSession(token))?.actor ?? null;
}

async function findLiveSession(token: string): Promise<{ actor: Actor; session: SessionSeen } | null> {
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
  return {
    actor: actorForUser(row, row.createdAt),
    session: { sessionToken: token, userId: row.id, userAgent: row.userAgent, lastSeenAt: row.lastSeenAt },
  };
}

// Device bookkeeping must never cost the customer the request.
async function touchSessionQuietly(session: SessionSeen): Promise<void> {
  try {
    await touchSession({ session, userAgent: (await headers()).get("user-agent") });
  } catch (error) {
    console.error(`[tillit] touch session failed: ${error instanceof Error ? error.name : "unknown error"}`);
  }
}

// Every request of a signed-in customer whose browser sends `Sec-GPC: 1` opts out of the
// purposes that share data with third parties, before the page reads any consent.
async function honourGlobalPrivacyControl(actor: Actor): Promise<void> {
  if (actor.kind !== "customer") return;
  try {
    const h = await headers();
    if (h.get("sec-gpc")?.trim() !== "1") return;
    await applyGlobalPrivacyControl(actor, { userAgent: h.get("user-agent"), locale: await resolveLocale() });
  } catch (error) {
    console.error(`[tillit] global privacy control failed: ${error instanceof Error ? error.name : "unknown error"}`);
  }
}
