import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";

/** "Your export is ready", shown while a completed, unexpired export exists; `href` leads on to it. */
export async function ExportReadyNotice({ expiresAt, href }: { expiresAt: Date; href: string }) {
  const [t, format] = await Promise.all([getTranslations("export"), getFormatter()]);
  return (
    <p className="rounded-lg border border-brand-700 bg-brand-50 p-4">
      <span className="font-semibold">{t("readyNotice")}</span>{" "}
      <Link href={href} className="font-medium text-brand-900 underline">
        {t("readyNoticeLink", { date: format.dateTime(expiresAt, { dateStyle: "long", timeStyle: "short" }) })}
      </Link>
    </p>
  );
}
