import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import type { ApiClientActor } from "@/lib/auth/actor";
import { sqlArray } from "./sql-array";

/**
 * An API client's read about these customers, in each one's access log ("Who has seen my
 * data") as a system access: the client by name, the purpose it asked about. One statement
 * however many customers; written in the caller's transaction, before the answer leaves.
 */
export async function recordApiReads(
  db: Executor,
  client: ApiClientActor,
  input: { customerIds: readonly string[]; purposeKey: string },
): Promise<void> {
  if (input.customerIds.length === 0) return;
  await db.execute(sql`
    insert into staff_access_log
      (customer_id, staff_user_id, staff_role, staff_display_name, action, field, reason, reason_code, occurred_at)
    select id, ${client.clientId}, 'system', ${client.name}, 'view', ${input.purposeKey}, 'consent check',
      'api_consent_check', now()
    from unnest(${sqlArray(input.customerIds, "text")}) as id`);
}
