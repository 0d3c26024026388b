import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportReadyNotice } from "@/components/account/export/export-ready-notice";
import { RefreshWhilePreparing } from "@/components/account/export/refresh-while-preparing";
import { StartExportForm } from "@/components/account/export/start-export-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { hasRecentSignIn } from "@/lib/auth/recent-sign-in";
import { currentActor } from "@/lib/current-actor";
import { EXPORT_VALID_DAYS, EXPORTS_PER_DAY } from "@/lib/export/export-policy";
import { listExports, type ExportItem } from "@/lib/export/list-exports";
import { sendExportSignInLinkAction, startExportAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("export"))("title") };
}

const downloadHref = (item: ExportItem) => `/account/export/${item.requestId}/download`;

export default async function ExportPage({
  searchParams,
}: {
  searchParams: Promise<{ expired?: string; reauth?: string }>;
}) {
  const actor = await currentActor();
  const [t, tErrors, format, exports, { expired }] = await Promise.all([
    getTranslations("export"),
    getTranslations("errors"),
    getFormatter(),
    listExports(actor),
    searchParams,
  ]);
  const { reauth } = await searchParams;
  // Downloading hands over everything, as starting does: with an older sign-in the page
  // offers the fresh link instead of the zip (the download route refuses it too).
  const recentSignIn = actor ? hasRecentSignIn(actor) : false;
  const ready = exports.find((item) => item.state === "ready");
  const dateTime = (date: Date) => format.dateTime(date, { dateStyle: "long", timeStyle: "short" });
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p className="max-w-2xl">{t("intro")}</p>
      </div>
      {expired === "1" ? (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-amber-950">
          {tErrors("exportExpired")}
        </p>
      ) : null}
      {reauth === "download" && !recentSignIn ? (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-amber-950">
          {t("downloadReauth")}
        </p>
      ) : null}
      {ready?.expiresAt ? (
        <ExportReadyNotice
          expiresAt={ready.expiresAt}
          target={recentSignIn ? { download: downloadHref(ready) } : { reauth: "#export-start" }}
        />
      ) : null}

      <section aria-labelledby="export-contains" className="space-y-2">
        <h2 id="export-contains" className="text-2xl font-semibold">
          {t("containsTitle")}
        </h2>
        <ul className="max-w-2xl list-disc space-y-1 pl-6">
          <li>{t("containsJson")}</li>
          <li>{t("containsCsv")}</li>
          <li>{t("containsHtml")}</li>
        </ul>
        <p className="max-w-2xl">{t("sizeNote")}</p>
        <p className="max-w-2xl">{t("limitNote", { limit: EXPORTS_PER_DAY, days: EXPORT_VALID_DAYS })}</p>
      </section>

      <section aria-labelledby="export-start" className="space-y-3">
        <h2 id="export-start" className="text-2xl font-semibold">
          {t("startTitle")}
        </h2>
        <ClientMessages namespaces={["export"]}>
          <StartExportForm
            recentSignIn={recentSignIn}
            reauthMessage={tErrors("reauthRequired")}
            startExport={startExportAction}
            sendSignInLink={sendExportSignInLinkAction}
          />
        </ClientMessages>
      </section>

      <section aria-labelledby="export-list" className="space-y-3">
        <h2 id="export-list" className="text-2xl font-semibold">
          {t("listTitle")}
        </h2>
        {exports.length === 0 ? (
          <p>{t("listEmpty")}</p>
        ) : (
          <ul className="space-y-3">
            {exports.map((item) => {
              const started = dateTime(item.receivedAt);
              return (
                <li key={item.requestId} className="space-y-2 card">
                  <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <span id={`export-${item.requestId}`} className="font-medium">
                      {t.rich("startedAt", {
                        date: started,
                        time: (chunks) => <time dateTime={item.receivedAt.toISOString()}>{chunks}</time>,
                      })}
                    </span>
                    <span className="rounded-md bg-slate-100 px-2 py-0.5 text-sm font-semibold">
                      {t(`state.${item.state}`)}
                    </span>
                  </p>
                  {item.progress ? (
                    <div className="space-y-1">
                      <progress
                        className="w-full max-w-md"
                        aria-label={t("progressLabel")}
                        value={item.progress.total ? item.progress.done : undefined}
                        max={item.progress.total ?? undefined}
                      />
                      <p className="text-sm" aria-live="polite">
                        {item.progress.total
                          ? t("progress", { done: item.progress.done, total: item.progress.total })
                          : t("progressUnknown")}
                      </p>
                    </div>
                  ) : null}
                  {item.state === "ready" && item.expiresAt && !recentSignIn ? (
                    <p className="flex flex-wrap items-center gap-x-4 gap-y-1">
                      <a href="#export-start" className="font-medium text-brand-900 underline">
                        {t("downloadReauthLink")}
                      </a>
                      <span className="text-sm">{t("expiresOn", { date: dateTime(item.expiresAt) })}</span>
                    </p>
                  ) : null}
                  {item.state === "ready" && item.expiresAt && recentSignIn ? (
                    <p className="flex flex-wrap items-center gap-x-4 gap-y-1">
                      <a
                        href={downloadHref(item)}
                        download
                        aria-describedby={`export-${item.requestId}`}
                        className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900"
                      >
                        {t("download")}
                      </a>
                      <span className="text-sm">{t("expiresOn", { date: dateTime(item.expiresAt) })}</span>
                    </p>
                  ) : null}
                  {item.state === "expired" && item.expiresAt ? (
                    <p className="text-sm">{t("expiredOn", { date: dateTime(item.expiresAt) })}</p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {exports.some((item) => item.state === "preparing") ? <RefreshWhilePreparing /> : null}
      </section>
    </div>
  );
}
