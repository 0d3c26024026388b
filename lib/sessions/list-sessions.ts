import "server-only";
import { and, gt } from "drizzle-orm";
import { getDb } from "@/db";
import { sessions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { describeUserAgent } from "./describe-user-agent";
import { publicSessionId } from "./session-id";

export type SessionDto = {
  /** Opaque; never the session token. */
  id: string;
  browser: string | null;
  os: string | null;
  createdAt: Date;
  lastSeenAt: Date | null;
  /** The session this request is made with. */
  current: boolean;
};

/** The signed-in customer's live sessions: this device first, then the most recently seen. */
export async function listSessions(
  actor: Actor | null,
  options: { currentSessionToken: string | null },
): Promise<SessionDto[]> {
  const customer = assertCustomer(actor, "sessions.read.own");
  const db = await getDb();
  const rows = await db
    .select({
      sessionToken: sessions.sessionToken,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(customerScope(sessions, customer), gt(sessions.expires, new Date())));
  const seen = (row: (typeof rows)[number]) => (row.lastSeenAt ?? row.createdAt).getTime();
  return rows
    .map((row) => ({ row, current: row.sessionToken === options.currentSessionToken }))
    .sort((a, b) => Number(b.current) - Number(a.current) || seen(b.row) - seen(a.row))
    .map(({ row, current }) => ({
      id: publicSessionId(row.sessionToken),
      ...describeUserAgent(row.userAgent),
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      current,
    }));
}
