import type { StartExportState } from "@/lib/export/export-form";

/**
 * What the start form's status line says after a start, and whether it is seen. An export
 * made at once is announced on screen by the page's "Your export is ready" notice, with its
 * download link, so the form's line only tells screen readers (a visually hidden live
 * region; the notice itself is not one) and takes no focus: said once, to everyone.
 */
export function startExportStatus(state: StartExportState): {
  message: "startedDirect" | "startedBackground" | null;
  visible: boolean;
} {
  if (!state?.ok) return { message: null, visible: true };
  return state.mode === "direct"
    ? { message: "startedDirect", visible: false }
    : { message: "startedBackground", visible: true };
}
