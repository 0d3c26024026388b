import "server-only";
import { and, Column, eq, inArray, is, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "@/db";
import { dataSubjectRequests } from "@/db/schema";
import { customerScope, type CustomerScope } from "@/lib/auth/customer-scope";

// A restriction (Art. 18) is in force from the moment it is filed until it is lifted. The
// same statuses as the database's one-restriction index, so "in force" and "a second one
// is refused" can never disagree. It lives here because it is an input of every decision
// on use (`evaluateConsent`); lib/requests files and lifts the restriction requests.
export const restrictionInForceStatuses = ["received", "in_progress", "completed"] as const;

/**
 * Join condition: the customer's restriction in force (at most one row, by a unique index).
 * `owner` is the scope's customer, or a customer id column of the query (many customers).
 */
export function restrictionInForceOn(owner: AnyPgColumn | CustomerScope): SQL {
  return and(
    is(owner, Column) ? eq(dataSubjectRequests.customerId, owner) : customerScope(dataSubjectRequests, owner),
    eq(dataSubjectRequests.kind, "restriction"),
    inArray(dataSubjectRequests.status, [...restrictionInForceStatuses]),
  )!;
}

/** Since when the restriction has been in force, as a column to select beside a left join. */
export const restrictedSinceColumn =
  sql<Date | null>`coalesce(${dataSubjectRequests.completedAt}, ${dataSubjectRequests.receivedAt})`.mapWith(
    dataSubjectRequests.receivedAt,
  );

/** The customer's restriction in force, if any. */
export async function readRestriction(
  db: Executor,
  scope: CustomerScope,
): Promise<{ requestId: string; since: Date } | null> {
  const [row] = await db
    .select({ requestId: dataSubjectRequests.id, since: restrictedSinceColumn })
    .from(dataSubjectRequests)
    .where(restrictionInForceOn(scope))
    .limit(1);
  return row && row.since ? { requestId: row.requestId, since: row.since } : null;
}
