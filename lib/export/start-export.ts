import "server-only";
import { and, asc, count, eq, gt, isNotNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { customers, dataSubjectRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { assertRecentSignIn } from "@/lib/auth/recent-sign-in";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { pokeJobRunner } from "@/lib/jobs/app-runner";
import { enqueueJob } from "@/lib/jobs/queue";
import { fileRequest, setRequestStatus } from "@/lib/requests/record-request";
import { countExportRows } from "./export-zip";
import { EXPORTS_PER_DAY, type ExportMode } from "./export-policy";

export type StartedExport = { requestId: string; mode: ExportMode };

/**
 * Starts an export of the signed-in customer's data, filed as a data-subject request.
 * Small accounts are "direct": completed at once and streamed from the database on each
 * download. Larger ones are built by a background job queued in the same transaction.
 */
export async function startExport(actor: Actor | null, input: { locale: Locale }): Promise<StartedExport> {
  const customer = assertCustomer(actor, "data.export.own");
  assertRecentSignIn(customer);
  const { customerId } = customer;
  const db = await getDb();
  const started = await db.transaction(async (tx) => {
    // Serialises concurrent starts of one customer, so the limit below is exact.
    await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).for("update");
    // An export customer service filed for them (by phone, in a store) is the one this start
    // answers: it moves on, rather than a second request beside it that never would.
    const [filed] = await tx
      .select({ id: dataSubjectRequests.id })
      .from(dataSubjectRequests)
      .where(
        and(
          customerScope(dataSubjectRequests, customer),
          eq(dataSubjectRequests.kind, "export"),
          eq(dataSubjectRequests.status, "received"),
          isNotNull(dataSubjectRequests.filedByStaffUserId),
        ),
      )
      .orderBy(asc(dataSubjectRequests.receivedAt))
      .for("update")
      .limit(1);
    // Counted from the requests themselves (not rate_limit_buckets): erasure removes them with the customer.
    const [recent] = await tx
      .select({ n: count() })
      .from(dataSubjectRequests)
      .where(
        and(
          customerScope(dataSubjectRequests, customer),
          eq(dataSubjectRequests.kind, "export"),
          gt(dataSubjectRequests.receivedAt, sql`statement_timestamp() - interval '24 hours'`),
          // Filed for them and not yet answered (this start answers one) is no export made.
          sql`not (${dataSubjectRequests.filedByStaffUserId} is not null and ${dataSubjectRequests.status} = 'received')`,
        ),
      );
    if ((recent?.n ?? 0) >= EXPORTS_PER_DAY) throw new AppError("rate_limited", { messageKey: "exportRateLimited" });
    const rows = await countExportRows(tx, customer);
    const mode: ExportMode = rows <= env().TILLIT_EXPORT_DIRECT_MAX_ROWS ? "direct" : "background";
    const steps: ("in_progress" | "completed")[] = mode === "direct" ? ["in_progress", "completed"] : ["in_progress"];
    let request: { id: string };
    if (filed) {
      await tx
        .update(dataSubjectRequests)
        .set({ details: { mode, locale: input.locale } })
        .where(and(eq(dataSubjectRequests.id, filed.id), customerScope(dataSubjectRequests, customer)));
      for (const to of steps) await setRequestStatus(tx, { requestId: filed.id, scope: customer, to });
      request = filed;
    } else {
      request = await fileRequest(tx, { customerId, kind: "export", details: { mode, locale: input.locale }, steps });
    }
    if (mode === "background") await enqueueJob(tx, { kind: "export", customerId, requestId: request.id });
    return { requestId: request.id, mode };
  });
  if (started.mode === "background") pokeJobRunner();
  return started;
}
