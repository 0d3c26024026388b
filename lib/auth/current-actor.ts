import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db";
import { sessions, users } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { actorForUser, type Actor } from "./actor";

/**
 * Auth.js's cookie name for this deployment: over https only the __Secure- prefixed
 * one, which a plain-http response or a sibling subdomain cannot plant.
 */
function sessionCookieName(): string {
  return appUrl().startsWith("https:") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** The signed-in principal for this request, or null (no cookie, unknown or expired session). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token || token.length > 256) return null;
  return actorForSessionToken(token);
});

export async function actorForSessionToken(token: string): Promise<Actor | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, new Date())))
    .limit(1);
  return row ? actorForUser(row) : null;
}
