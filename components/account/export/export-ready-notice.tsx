import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";

/**
 * "Your export is ready", shown while a completed, unexpired export exists. It leads on to
 * the export page (`page`) or, on that page, to the zip itself (`download`): a plain
 * `<a download>`, because a <Link> would be prefetched and build the zip for nobody —
 * or, when the sign-in is too old to download, to the offer of a fresh link (`reauth`).
 */
export async function ExportReadyNotice({
  expiresAt,
  target,
}: {
  expiresAt: Date;
  target: { page: string } | { download: string } | { reauth: string };
}) {
  const [t, format] = await Promise.all([getTranslations("export"), getFormatter()]);
  const text = t("readyNoticeLink", { date: format.dateTime(expiresAt, { dateStyle: "long", timeStyle: "short" }) });
  const className = "font-medium text-brand-900 underline";
  return (
    <p className="rounded-lg border border-brand-700 bg-brand-50 p-4">
      <span className="font-semibold">{t("readyNotice")}</span>{" "}
      {"download" in target ? (
        <a href={target.download} download className={className}>
          {text}
        </a>
      ) : "reauth" in target ? (
        <a href={target.reauth} className={className}>
          {t("downloadReauthLink")}
        </a>
      ) : (
        <Link href={target.page} className={className}>
          {text}
        </Link>
      )}
    </p>
  );
}
