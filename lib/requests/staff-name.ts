import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";

/**
 * The agent's first name as the customer reads it beside a step an agent took ("by Siri"):
 * the first word of their user name, or null when they have none (shown as customer service).
 */
export async function staffFirstName(tx: Tx, staff: StaffActor): Promise<string | null> {
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, staff.userId)).limit(1);
  const first = user?.name?.trim().split(/\s+/)[0];
  return first ? first : null;
}
