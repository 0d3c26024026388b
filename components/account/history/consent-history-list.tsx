"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { HistoryItem } from "@/lib/consent/history-item";
import type { UserAgentSummary } from "@/lib/sessions/describe-user-agent";

const textFields = ["name", "description", "benefit", "consequence", "retention"] as const;

// A granted consent and a withdrawn one never look alike: each carries its own mark and
// word, not only its own colour.
const granting = { mark: "✓", className: "badge-granting" };
const ending = { mark: "✕", className: "badge-ending" };
const actionLook: Record<HistoryItem["action"], { mark: string; className: string }> = {
  granted: granting,
  objection_withdrawn: granting,
  withdrawn: ending,
  objected: ending,
  expired: ending,
};

// A client component only to keep the payload small: it renders on the server like the
// rest of the page and has no state of its own.
export function ConsentHistoryList({ items }: { items: HistoryItem[] }) {
  const t = useTranslations("consentHistory");
  const format = useFormatter();
  const device = ({ browser, os }: UserAgentSummary) =>
    browser && os ? t("deviceName", { browser, os }) : (browser ?? os ?? t("unknownDevice"));
  return (
    <ol aria-label={t("listLabel")} className="space-y-4">
      {items.map((event) => {
        const action = t(`actions.${event.action}`);
        const occurred = format.dateTime(new Date(event.occurredAt), { dateStyle: "long", timeStyle: "short" });
        return (
          <li key={event.id} className="space-y-3 card">
            <h3 className="heading-with-badge">
              <span>{event.purposeName}</span>
              <span className="sr-only">, </span>
              <span data-action={event.action} className={`badge ${actionLook[event.action].className}`}>
                <span aria-hidden="true">{actionLook[event.action].mark} </span>
                {action}
              </span>
            </h3>
            <dl className="record">
              <dt>{t("when")}</dt>
              <dd>
                <time dateTime={event.occurredAt}>{occurred}</time>
              </dd>
              <dt>{t("version")}</dt>
              <dd>{event.purposeVersion}</dd>
              <dt>{t("channel")}</dt>
              <dd>{t(`channels.${event.channel}`)}</dd>
              <dt>{t("method")}</dt>
              <dd>{t(`methods.${event.method}`)}</dd>
              <dt>{t("device")}</dt>
              <dd className="break-words">{device(event.device)}</dd>
              {event.expiresAt ? (
                <>
                  <dt>{t("expires")}</dt>
                  <dd>
                    <time dateTime={event.expiresAt}>
                      {format.dateTime(new Date(event.expiresAt), { dateStyle: "long" })}
                    </time>
                  </dd>
                </>
              ) : null}
            </dl>
            {event.gpc ? <p className="text-sm">{t("gpcPlain")}</p> : null}
            <details className="panel">
              <summary className="summary">{t("shownTextIn", { language: event.locale })}</summary>
              <dl className="texts mt-2">
                {textFields.map((field) => (
                  <div key={field}>
                    <dt>{t(`text.${field}`)}</dt>
                    <dd lang={event.locale}>{event.shownText[field]}</dd>
                  </div>
                ))}
              </dl>
            </details>
            <details className="panel">
              <summary className="summary">{t("technical")}</summary>
              <dl className="record mt-2">
                <dt>{t("gpc")}</dt>
                <dd>{event.gpc ? t("gpcSent") : t("gpcNotSent")}</dd>
              </dl>
            </details>
            <a
              href={`/account/purposes/history/${event.id}/receipt`}
              download={`consent-receipt-${event.id}.jws`}
              className="btn btn-secondary"
            >
              {t("download")}
              <span className="sr-only">
                {" "}
                {t("downloadContext", { purpose: event.purposeName, action, when: occurred })}
              </span>
            </a>
          </li>
        );
      })}
    </ol>
  );
}
