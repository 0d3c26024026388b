import "server-only";
import { sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { systemReads } from "@/db/schema";
import type { ApiClientActor } from "@/lib/auth/actor";

/**
 * An API client's read about these customers, in each one's access log ("Who has seen my
 * data") as a system access: the client by name, the purpose it asked about. One row however
 * many customers; written in the caller's transaction, before the answer leaves. The caller
 * has read the customers with `FOR KEY SHARE` (see system_reads in the schema).
 */
export async function recordApiReads(
  db: Executor,
  client: ApiClientActor,
  input: { customerIds: readonly string[]; purposeKey: string },
): Promise<void> {
  if (input.customerIds.length === 0) return;
  await db.insert(systemReads).values({
    clientId: client.clientId,
    clientName: client.name,
    purposeKey: input.purposeKey,
    customerIds: [...input.customerIds],
  });
}

/**
 * The same insert for the customers a query selects (its one column: their ids), for a
 * statement that reads customers and logs the read at once (a data-modifying CTE). Nothing
 * is written when the query selects nobody. The client and purpose may be placeholders of a
 * prebuilt statement, the client's name a subquery.
 */
export function apiReadsInsert(
  client: { clientId: string | Placeholder; name: string | Placeholder | SQL },
  purposeKey: string | Placeholder,
  customerIds: SQL,
): SQL {
  return sql`
    insert into ${systemReads} (client_id, client_name, purpose_key, customer_ids)
    select ${client.clientId}, ${client.name}, ${purposeKey}, ids
    from (select array_agg(read_subject.id) as ids from (${customerIds}) as read_subject(id)) as read
    where ids is not null`;
}
