import "server-only";
import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { databaseNow } from "@/db/time";
import { dataSubjectRequests, exportFileChunks, exportFiles } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertRecentSignIn } from "@/lib/auth/recent-sign-in";
import { customerScope } from "@/lib/auth/customer-scope";
import { customerMay } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { createExportZip } from "./export-zip";
import { exportExpiresAt, exportFilename } from "./export-policy";

export type ExportDownload =
  | { mode: "direct"; filename: string; open: () => Readable }
  | { mode: "background"; filename: string; sizeBytes: number; chunks: () => AsyncGenerator<Buffer> };

const requestIdSchema = z.uuid();

/**
 * The signed-in customer's completed, unexpired export, ready to stream. Anything that is
 * not this customer's export request (another customer's, unknown, malformed, staff, no
 * actor) is the same `not_found`; not yet completed → `exportNotReady`; past its 7 days
 * (or its file deleted) → `exportExpired`. Like starting an export, handing it over needs a
 * sign-in from the last 10 minutes (`forbidden`/`reauthRequired`), checked before anything
 * is read: an old session on a shared device must not pull everything.
 */
export async function openExportDownload(actor: Actor | null, requestId: string): Promise<ExportDownload> {
  const customer = customerMay(actor, "data.export.own");
  if (!customer) throw new AppError("not_found");
  assertRecentSignIn(customer);
  if (!requestIdSchema.safeParse(requestId).success) throw new AppError("not_found");
  const db = await getDb();
  const [request] = await db
    .select({
      status: dataSubjectRequests.status,
      details: dataSubjectRequests.details,
      completedAt: dataSubjectRequests.completedAt,
    })
    .from(dataSubjectRequests)
    .where(
      and(
        eq(dataSubjectRequests.id, requestId),
        customerScope(dataSubjectRequests, customer),
        eq(dataSubjectRequests.kind, "export"),
      ),
    )
    .limit(1);
  if (!request) throw new AppError("not_found");
  if (request.status !== "completed" || !request.completedAt) {
    throw new AppError("conflict", { messageKey: "exportNotReady" });
  }
  const now = await databaseNow(db);
  const filename = exportFilename(request.completedAt);
  if (request.details.mode !== "background") {
    if (exportExpiresAt(request.completedAt) <= now) throw new AppError("not_found", { messageKey: "exportExpired" });
    const locale: Locale = isLocale(request.details.locale) ? request.details.locale : "nb";
    return { mode: "direct", filename, open: () => createExportZip({ db, scope: customer, locale, requestId }) };
  }
  const [file] = await db
    .select({ sizeBytes: exportFiles.sizeBytes, expiresAt: exportFiles.expiresAt })
    .from(exportFiles)
    .where(and(eq(exportFiles.requestId, requestId), customerScope(exportFiles, customer)))
    .limit(1);
  if (!file || file.expiresAt <= now) throw new AppError("not_found", { messageKey: "exportExpired" });
  return { mode: "background", filename, sizeBytes: file.sizeBytes, chunks: () => readChunks(requestId) };
}

// One chunk per query, so at most one chunk (1 MiB) is in memory; a consumer that stops
// pulling (the client went away) stops the reads.
async function* readChunks(requestId: string): AsyncGenerator<Buffer> {
  const db = await getDb();
  for (let seq = 0; ; seq += 1) {
    const [chunk] = await db
      .select({ data: exportFileChunks.data })
      .from(exportFileChunks)
      .where(and(eq(exportFileChunks.requestId, requestId), eq(exportFileChunks.seq, seq)))
      .limit(1);
    if (!chunk) return;
    yield chunk.data;
  }
}
