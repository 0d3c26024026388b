import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { databaseNow } from "@/db/time";
import { dataSubjectRequests, exportFiles, jobs, type RequestStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer, customerMay } from "@/lib/auth/permissions";
import { exportExpiresAt, type ExportMode } from "./export-policy";

export type ExportItem = {
  requestId: string;
  mode: ExportMode;
  status: RequestStatus;
  receivedAt: Date;
  completedAt: Date | null;
  /** Background exports being built: rows written so far of the total. */
  progress: { done: number; total: number | null } | null;
  /** When the download link stops working (completed exports). */
  expiresAt: Date | null;
  state: "preparing" | "ready" | "expired" | "failed";
};

const LIST_LIMIT = 10;

/** The signed-in customer's most recent exports, newest first, with what the page shows for each. */
export async function listExports(actor: Actor | null): Promise<ExportItem[]> {
  const customer = assertCustomer(actor, "data.export.own");
  const db = await getDb();
  const now = await databaseNow(db);
  const rows = await db
    .select({
      id: dataSubjectRequests.id,
      status: dataSubjectRequests.status,
      details: dataSubjectRequests.details,
      receivedAt: dataSubjectRequests.receivedAt,
      completedAt: dataSubjectRequests.completedAt,
      jobStatus: jobs.status,
      progressDone: jobs.progressDone,
      progressTotal: jobs.progressTotal,
      fileExpiresAt: exportFiles.expiresAt,
    })
    .from(dataSubjectRequests)
    .leftJoin(jobs, eq(jobs.requestId, dataSubjectRequests.id))
    .leftJoin(exportFiles, eq(exportFiles.requestId, dataSubjectRequests.id))
    .where(and(customerScope(dataSubjectRequests, customer), eq(dataSubjectRequests.kind, "export")))
    .orderBy(desc(dataSubjectRequests.receivedAt))
    .limit(LIST_LIMIT);
  return rows.map((row) => {
    const mode: ExportMode = row.details.mode === "background" ? "background" : "direct";
    const expiresAt =
      row.status !== "completed" || !row.completedAt
        ? null
        : mode === "direct"
          ? exportExpiresAt(row.completedAt)
          : (row.fileExpiresAt ?? exportExpiresAt(row.completedAt));
    const fileGone = mode === "background" && !row.fileExpiresAt;
    const state: ExportItem["state"] =
      row.status === "completed"
        ? expiresAt && expiresAt > now && !fileGone
          ? "ready"
          : "expired"
        : row.status === "rejected" || row.jobStatus === "failed"
          ? "failed"
          : "preparing";
    return {
      requestId: row.id,
      mode,
      status: row.status,
      receivedAt: row.receivedAt,
      completedAt: row.completedAt,
      progress:
        state === "preparing" && mode === "background"
          ? { done: row.progressDone ?? 0, total: row.progressTotal ?? null }
          : null,
      expiresAt,
      state,
    };
  });
}

/** The newest export that can be downloaded now, for the "your export is ready" notice. */
export async function readyExport(actor: Actor | null): Promise<ExportItem | null> {
  const customer = customerMay(actor, "data.export.own");
  if (!customer) return null;
  return (await listExports(customer)).find((item) => item.state === "ready") ?? null;
}
