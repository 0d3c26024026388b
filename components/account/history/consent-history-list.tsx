import { getFormatter, getTranslations } from "next-intl/server";
import type { ConsentHistoryEntry } from "@/lib/consent/list-consent-history";

const textFields = ["name", "description", "benefit", "consequence", "retention"] as const;

/** The consent events as a timeline, newest first: what happened, when, where, how, and the text shown. */
export async function ConsentHistoryList({ items }: { items: ConsentHistoryEntry[] }) {
  const [t, format] = await Promise.all([getTranslations("consentHistory"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "long", timeStyle: "short" });
  const device = ({ browser, os }: ConsentHistoryEntry["device"]) =>
    browser && os ? t("deviceName", { browser, os }) : (browser ?? os ?? t("unknownDevice"));
  return (
    <ol aria-label={t("listLabel")} className="space-y-4">
      {items.map((event) => {
        const action = t(`actions.${event.action}`);
        const occurred = when(event.occurredAt);
        return (
          <li key={event.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <h3 className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-lg font-semibold break-words">
              <span lang={event.locale}>{event.shownText.name}</span>
              <span className="sr-only">, </span>
              <span className="rounded-md bg-brand-100 px-2 py-0.5 text-sm font-semibold text-brand-900">{action}</span>
            </h3>
            <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="font-medium">{t("when")}</dt>
              <dd>
                <time dateTime={event.occurredAt.toISOString()}>{occurred}</time>
              </dd>
              <dt className="font-medium">{t("version")}</dt>
              <dd>{event.purposeVersion}</dd>
              <dt className="font-medium">{t("channel")}</dt>
              <dd>{t(`channels.${event.channel}`)}</dd>
              <dt className="font-medium">{t("method")}</dt>
              <dd>{t(`methods.${event.method}`)}</dd>
              <dt className="font-medium">{t("device")}</dt>
              <dd className="break-words">{device(event.device)}</dd>
              <dt className="font-medium">{t("gpc")}</dt>
              <dd>{event.gpc ? t("gpcSent") : t("gpcNotSent")}</dd>
              {event.expiresAt ? (
                <>
                  <dt className="font-medium">{t("expires")}</dt>
                  <dd>
                    <time dateTime={event.expiresAt.toISOString()}>
                      {format.dateTime(event.expiresAt, { dateStyle: "long" })}
                    </time>
                  </dd>
                </>
              ) : null}
            </dl>
            <details className="rounded-md border border-slate-200 p-3">
              <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-900">
                {t("shownText")}
                <span className="sr-only">
                  {" "}
                  {t("downloadContext", { purpose: event.shownText.name, action, when: occurred })}
                </span>
              </summary>
              <dl className="mt-2 space-y-2 text-sm">
                {textFields.map((field) => (
                  <div key={field}>
                    <dt className="font-medium">{t(`text.${field}`)}</dt>
                    <dd lang={event.locale}>{event.shownText[field]}</dd>
                  </div>
                ))}
              </dl>
            </details>
            <a
              href={`/account/purposes/history/${event.id}/receipt`}
              download={`consent-receipt-${event.id}.jws`}
              className="inline-flex min-h-11 items-center rounded-md border border-brand-700 bg-white px-4 py-2 font-medium text-brand-900 hover:bg-brand-50"
            >
              {t("download")}
              <span className="sr-only">
                {" "}
                {t("downloadContext", { purpose: event.shownText.name, action, when: occurred })}
              </span>
            </a>
          </li>
        );
      })}
    </ol>
  );
}
