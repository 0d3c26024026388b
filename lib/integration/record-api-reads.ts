import "server-only";
import { sql, type SQL } from "drizzle-orm";
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
  await db.execute(
    apiReadsInsert(client, input.purposeKey, sql`select unnest(${sqlArray(input.customerIds, "text")})`),
  );
}

/**
 * The same insert for the customers a query selects (its one column: their ids), for a
 * statement that reads customers and logs the read at once (a data-modifying CTE).
 */
export function apiReadsInsert(client: ApiClientActor, purposeKey: string, customerIds: SQL): SQL {
  return sql`
    insert into staff_access_log
      (customer_id, staff_user_id, staff_role, staff_display_name, action, field, reason, reason_code, occurred_at)
    select read_subject.id, ${client.clientId}, 'system', ${client.name}, 'view', ${purposeKey}, 'consent check',
      'api_consent_check', now()
    from (${customerIds}) as read_subject(id)`;
}
