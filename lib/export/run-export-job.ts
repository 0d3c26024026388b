import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { dataSubjectRequests, exportFileChunks, exportFiles } from "@/db/schema";
import { customerScope, systemScope, type CustomerScope } from "@/lib/auth/customer-scope";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import type { JobHandler } from "@/lib/jobs/runner";
import { setRequestStatus } from "@/lib/requests/record-request";
import { countExportRows, createExportZip } from "./export-zip";
import { EXPORT_CHUNK_BYTES, EXPORT_VALID_DAYS } from "./export-policy";
import { sendExportReadyNotice } from "./send-export-ready";

const PROGRESS_INTERVAL_MS = 1000;

/**
 * Builds a background export: streams the zip into export_file_chunks (1 MiB each,
 * written as they fill, so memory stays flat), hashing as it goes, then stores the file
 * and completes the request in one transaction. A retry starts over from no chunks. If
 * the request is gone (the customer was erased) or no longer in progress, it just ends.
 */
export const runExportJob: JobHandler = async ({ db, job, reportProgress }) => {
  const { requestId, customerId } = job;
  const scope = systemScope(customerId, "export");
  const request = await exportRequest(db, requestId, scope);
  if (!request || request.status !== "in_progress") return;
  const locale: Locale = isLocale(request.details.locale) ? request.details.locale : "nb";

  await db.delete(exportFileChunks).where(eq(exportFileChunks.requestId, requestId));
  const total = await countExportRows(db, scope);
  await reportProgress(0, total);

  let lastReport = Date.now();
  let progressError: unknown = null;
  const zip = createExportZip({
    db,
    scope,
    locale,
    requestId,
    onProgress: async (rows) => {
      if (Date.now() - lastReport < PROGRESS_INTERVAL_MS) return;
      lastReport = Date.now();
      try {
        await reportProgress(rows, total);
      } catch (error) {
        // Lease lost: stop writing; the runner lets the new holder finish.
        progressError = error;
        zip.destroy();
      }
    },
  });

  const hash = createHash("sha256");
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const writeChunk = async (data: Buffer) => {
    await db.insert(exportFileChunks).values({ requestId, seq, data });
    seq += 1;
  };
  try {
    for await (const piece of zip as AsyncIterable<Buffer>) {
      hash.update(piece);
      size += piece.length;
      pending.push(piece);
      pendingBytes += piece.length;
      while (pendingBytes >= EXPORT_CHUNK_BYTES) {
        const joined = Buffer.concat(pending, pendingBytes);
        await writeChunk(joined.subarray(0, EXPORT_CHUNK_BYTES));
        const rest = joined.subarray(EXPORT_CHUNK_BYTES);
        pending = rest.length > 0 ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
      }
    }
  } catch (error) {
    if (progressError) throw progressError;
    // A failed read: drop the partial file now rather than leave it until a retry.
    await db
      .delete(exportFileChunks)
      .where(eq(exportFileChunks.requestId, requestId))
      .catch(() => {});
    throw error;
  }
  if (progressError) throw progressError;
  if (pendingBytes > 0) await writeChunk(Buffer.concat(pending, pendingBytes));

  const stored = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: dataSubjectRequests.status })
      .from(dataSubjectRequests)
      .where(and(eq(dataSubjectRequests.id, requestId), customerScope(dataSubjectRequests, scope)))
      .for("update")
      .limit(1);
    if (!current || current.status !== "in_progress") return false;
    await tx.insert(exportFiles).values({
      requestId,
      customerId,
      sizeBytes: size,
      sha256: hash.digest("hex"),
      expiresAt: sql`statement_timestamp() + make_interval(days => ${EXPORT_VALID_DAYS})`,
    });
    await setRequestStatus(tx, { requestId, scope, to: "completed" });
    return true;
  });
  if (!stored) {
    await db.delete(exportFileChunks).where(eq(exportFileChunks.requestId, requestId));
    return;
  }
  await reportProgress(total, total).catch(() => {});
  await sendExportReadyNotice(db, { customerId, locale });
};

async function exportRequest(db: Db, requestId: string, scope: CustomerScope) {
  const [request] = await db
    .select({ status: dataSubjectRequests.status, details: dataSubjectRequests.details })
    .from(dataSubjectRequests)
    .where(
      and(
        eq(dataSubjectRequests.id, requestId),
        customerScope(dataSubjectRequests, scope),
        eq(dataSubjectRequests.kind, "export"),
      ),
    )
    .limit(1);
  return request ?? null;
}
