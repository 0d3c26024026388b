import "server-only";
import { and, asc, eq, gt, lt } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { retainedRecords } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { osloToday } from "@/lib/retention/invoice-retention";

// Records kept by law after an erasure are restricted (GDPR Art. 17(3)(b), 18(2)): this is
// their only reader, and it serves only the legal purpose each record names. No portal
// role, not even the customer's former self or an agent, may read them.

/** A system process reading for a stated purpose (e.g. the bookkeeping export). */
export type PurposeReader = { kind: "purpose"; purpose: string };

export type RetainedRecordDto = {
  id: string;
  kind: "invoice";
  keepUntil: string;
  data: Record<string, unknown>;
};

export const RETAINED_PAGE_SIZE = 500;

export async function readRetainedRecords(
  reader: PurposeReader | Actor | null,
  options: { after?: string; limit?: number } = {},
): Promise<RetainedRecordDto[]> {
  if (!reader) throw new AppError("unauthenticated");
  if (reader.kind !== "purpose" || reader.purpose !== "bookkeeping") throw new AppError("forbidden");
  const db = await getDb();
  const rows = await db
    .select({
      id: retainedRecords.id,
      kind: retainedRecords.kind,
      keepUntil: retainedRecords.keepUntil,
      data: retainedRecords.data,
    })
    .from(retainedRecords)
    .where(
      and(
        eq(retainedRecords.legalPurpose, reader.purpose),
        options.after ? gt(retainedRecords.id, options.after) : undefined,
      ),
    )
    .orderBy(asc(retainedRecords.id))
    .limit(Math.min(options.limit ?? RETAINED_PAGE_SIZE, RETAINED_PAGE_SIZE));
  return rows;
}

/** Maintenance: deletes kept records whose retention period has ended (hourly, at start-up). */
export async function purgeExpiredRetainedRecords(db: Executor, now: Date = new Date()): Promise<number> {
  const deleted = await db
    .delete(retainedRecords)
    .where(lt(retainedRecords.keepUntil, osloToday(now)))
    .returning({ id: retainedRecords.id });
  if (deleted.length > 0) console.info(`[tillit] deleted ${deleted.length} kept record(s) past their end date`);
  return deleted.length;
}
