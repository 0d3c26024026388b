import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { getDb } from "@/db";
import { sessions, signInEvents } from "@/db/schema";

export const LAST_SEEN_INTERVAL_MS = 5 * 60 * 1000;
export const USER_AGENT_MAX_LENGTH = 512;

export type SessionSeen = {
  sessionToken: string;
  userId: string;
  userAgent: string | null;
  lastSeenAt: Date | null;
};

/**
 * Records what Auth.js leaves empty: on a session's first request, its user agent and
 * a sign-in event; afterwards when it was last seen, at most once per interval. Each
 * write is conditional on the row still needing it, so repeated and concurrent
 * requests (GET renders included) change nothing twice.
 */
export async function touchSession(options: {
  session: SessionSeen;
  userAgent: string | null;
  now?: Date;
}): Promise<void> {
  const { session } = options;
  const now = options.now ?? new Date();
  if (session.userAgent === null) {
    // "" marks a claimed session whose browser sent no User-Agent.
    const userAgent = (options.userAgent ?? "").slice(0, USER_AGENT_MAX_LENGTH);
    const db = await getDb();
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(sessions)
        .set({ userAgent, lastSeenAt: now })
        .where(and(eq(sessions.sessionToken, session.sessionToken), isNull(sessions.userAgent)))
        .returning({ userId: sessions.userId });
      if (claimed) {
        await tx.insert(signInEvents).values({ userId: claimed.userId, occurredAt: now, userAgent: userAgent || null });
      }
    });
    return;
  }
  const due = new Date(now.getTime() - LAST_SEEN_INTERVAL_MS);
  if (session.lastSeenAt && session.lastSeenAt > due) return;
  const db = await getDb();
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(
      and(
        eq(sessions.sessionToken, session.sessionToken),
        or(isNull(sessions.lastSeenAt), lt(sessions.lastSeenAt, due)),
      ),
    );
}
