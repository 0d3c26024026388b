import "server-only";
import { sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { apiCalls, type ApiScope } from "@/db/schema";
import type { ApiClientActor } from "@/lib/auth/actor";

export type ApiCall = {
  scope: ApiScope;
  /** The operation's name in the OpenAPI document (e.g. "checkConsent"). */
  operation: string;
  status: number;
  /** A call about one customer (set null if they are erased). */
  customerId?: string | null;
  /** How many customers the call was about (a bulk check, a batch of events). */
  subjects?: number;
};

/** Every call a client makes, answered or refused after it was authenticated: who, when, what, about how many. */
export async function recordApiCall(db: Executor, client: ApiClientActor, call: ApiCall): Promise<void> {
  await db.insert(apiCalls).values({
    clientId: client.clientId,
    scope: call.scope,
    operation: call.operation,
    status: call.status,
    customerId: call.customerId ?? null,
    subjects: call.subjects ?? (call.customerId ? 1 : 0),
  });
}

/**
 * The same row as an insert inside a larger statement (a data-modifying CTE), its customer
 * and count taken from that statement's reads, and written only when `when` holds: once,
 * or once per row of `from`. The client may be a placeholder of a prebuilt statement.
 */
export function apiCallInsert(
  client: { clientId: string | Placeholder },
  call: Pick<ApiCall, "scope" | "operation" | "status">,
  values: { customerId: SQL; subjects: SQL; when: SQL; from?: SQL },
): SQL {
  return sql`
    insert into ${apiCalls} (client_id, scope, operation, status, customer_id, subjects)
    select ${client.clientId}, ${call.scope}, ${call.operation}, ${call.status}, ${values.customerId}, ${values.subjects}
    ${values.from ? sql`from ${values.from}` : sql``}
    where ${values.when}`;
}
