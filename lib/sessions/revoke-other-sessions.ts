import "server-only";
import { and, ne } from "drizzle-orm";
import { getDb } from "@/db";
import { sessions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

/** Signs the customer out everywhere except on this device; returns how many sessions ended. */
export async function revokeOtherSessions(
  actor: Actor | null,
  options: { currentSessionToken: string | null },
): Promise<{ revoked: number }> {
  const customer = assertCustomer(actor, "sessions.write.own");
  // Without the current session we could not tell which one to keep.
  if (!options.currentSessionToken) throw new AppError("unauthenticated");
  const db = await getDb();
  const deleted = await db
    .delete(sessions)
    .where(and(customerScope(sessions, customer), ne(sessions.sessionToken, options.currentSessionToken)))
    .returning({ expires: sessions.expires });
  // Expired leftovers go too, but only live sessions were devices the customer could see.
  const now = new Date();
  return { revoked: deleted.filter((s) => s.expires > now).length };
}
