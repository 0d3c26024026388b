import "server-only";
import { inArray, lte, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { exportFileChunks, exportFiles } from "@/db/schema";

/**
 * Deletes stored export files whose 7 days have passed, with their chunks (hourly
 * maintenance). The request stays `completed`; the page then shows it as expired.
 */
export async function purgeExpiredExports(db: Executor): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = tx
      .select({ requestId: exportFiles.requestId })
      .from(exportFiles)
      .where(lte(exportFiles.expiresAt, sql`statement_timestamp()`));
    await tx.delete(exportFileChunks).where(inArray(exportFileChunks.requestId, expired));
    const deleted = await tx
      .delete(exportFiles)
      .where(lte(exportFiles.expiresAt, sql`statement_timestamp()`))
      .returning({ requestId: exportFiles.requestId });
    return deleted.length;
  });
}
