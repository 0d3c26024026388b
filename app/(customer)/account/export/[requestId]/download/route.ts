import { Readable } from "node:stream";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/current-actor";
import { isAppError } from "@/lib/errors";
import { refuseAheadOfTime } from "@/lib/http/ahead-of-time";
import { openExportDownload, type ExportDownload } from "@/lib/export/open-export-download";
import { seeOther } from "@/lib/http/see-other";

// The customer's own export. Anything else — another customer's id, an unknown or
// malformed id, staff, no session — is the same 404. The body streams: a direct export
// from the database as the zip is written, a stored one chunk by chunk; a client that
// goes away stops the reads. A prefetch or an RSC request is refused before anything is
// read: the zip is built only for a person who asked for it. A session whose sign-in is
// older than 10 minutes gets the export page, which offers a fresh sign-in link, instead
// of the data.
export async function GET(request: Request, { params }: { params: Promise<{ requestId: string }> }) {
  const refused = refuseAheadOfTime(request);
  if (refused) return refused;
  const { requestId } = await params;
  let download: ExportDownload;
  try {
    download = await openExportDownload(await currentActor(), requestId);
  } catch (error) {
    if (isAppError(error) && error.messageKey === "reauthRequired") {
      return seeOther("/account/export?reauth=download");
    }
    if (isAppError(error) && error.messageKey === "exportExpired") {
      return seeOther("/account/export?expired=1");
    }
    if (isAppError(error) && (error.code === "not_found" || error.code === "conflict")) {
      const t = await getTranslations("errors");
      const message = error.code === "conflict" ? t("exportNotReady") : t("not_found");
      return new Response(message, {
        status: error.code === "conflict" ? 409 : 404,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
    throw error;
  }
  const headers = new Headers({
    "Content-Type": "application/zip",
    "Content-Disposition": `attachment; filename="${download.filename}"`,
    "Cache-Control": "no-store",
  });
  if (download.mode === "direct") {
    const zip = download.open();
    request.signal.addEventListener("abort", () => zip.destroy(), { once: true });
    return new Response(Readable.toWeb(zip) as ReadableStream<Uint8Array>, { headers });
  }
  headers.set("Content-Length", String(download.sizeBytes));
  const chunks = download.chunks();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, { headers });
}
