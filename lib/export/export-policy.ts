import { osloDay } from "@/lib/requests/due-date";

// The rules of an export download that pages, the job and the download share (no DB here).

/** A download link works this long after the export completed; then the file is deleted. */
export const EXPORT_VALID_DAYS = 7;
/** At most this many exports per customer in any rolling 24 hours. */
export const EXPORTS_PER_DAY = 3;
/** Stored (background) exports are kept in chunks of this size. */
export const EXPORT_CHUNK_BYTES = 1024 * 1024;

export type ExportMode = "direct" | "background";

export function exportFilename(completedAt: Date): string {
  return `tillit-export-${osloDay(completedAt)}.zip`;
}

export function exportExpiresAt(completedAt: Date): Date {
  return new Date(completedAt.getTime() + EXPORT_VALID_DAYS * 24 * 60 * 60 * 1000);
}
