"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { PurposeAnalytics } from "@/lib/analytics/consent-analytics";
import { CountBarChart, ShareLineChart } from "./charts";
import { AnswerTable } from "./consent-overview";
import { CountFigure, ShareFigure } from "./figure";
import { LiveStatus } from "./live-status";
import { useLiveData } from "./use-live-data";

/** One purpose in detail, kept live: now, 90 days, the last hour, reasons, versions. */
export function PurposeAnalyticsView({ initial, afterDays }: { initial: PurposeAnalytics; afterDays: number }) {
  const t = useTranslations("studio.analytics");
  const tReasons = useTranslations("withdrawalReason.reasons");
  const format = useFormatter();
  const live = useLiveData(`/studio/analytics/${initial.key}/live`, initial);
  const data = live.data;
  const label = (category: string) =>
    category === "never" && data.legalBasis === "legitimate_interest"
      ? t("neverObjected")
      : t(`categories.${category}` as "categories.granted");
  const formatDay = (day: string) => format.dateTime(new Date(`${day}T12:00:00Z`), { day: "numeric", month: "short" });
  const formatShare = (share: number) => format.number(share, { style: "percent", maximumFractionDigits: 1 });
  const categories = data.cells.map((c) => c.category);
  const chartData = data.series.map((point) => ({
    day: point.day,
    ...Object.fromEntries(point.cells.map((c) => [c.category, c.share])),
  }));

  return (
    <div className="space-y-8">
      <p>
        <Link href="/studio/analytics" className="link">
          {t("back")}
        </Link>
      </p>
      <LiveStatus {...live} onPause={live.setPaused} />

      <section aria-labelledby="now-heading" className="card space-y-3 p-5">
        <h2 id="now-heading" className="text-xl font-semibold">
          {t("nowTitle")}
        </h2>
        <AnswerTable purpose={data} caption={t("nowCaption")} />
      </section>

      <section aria-labelledby="series-heading" className="card space-y-3 p-5">
        <h2 id="series-heading" className="text-xl font-semibold">
          {t("seriesTitle")}
        </h2>
        <p>{t("seriesIntro")}</p>
        <ShareLineChart
          label={t("seriesChart")}
          data={chartData}
          lines={categories.map((key) => ({ key, label: label(key) }))}
          formatDay={formatDay}
          formatShare={formatShare}
        />
        <details>
          <summary className="link cursor-pointer">{t("seriesTable")}</summary>
          <div role="region" aria-label={t("seriesCaption")} tabIndex={0} className="overflow-x-auto">
            <table className="data-table">
              <caption className="sr-only">{t("seriesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("day")}</th>
                  {categories.map((c) => (
                    <th scope="col" key={c}>
                      {label(c)}
                    </th>
                  ))}
                  <th scope="col">{t("customers")}</th>
                </tr>
              </thead>
              <tbody>
                {[...data.series].reverse().map((point) => (
                  <tr key={point.day}>
                    <th scope="row">{formatDay(point.day)}</th>
                    {point.cells.map((c) => (
                      <td key={c.category}>
                        <ShareFigure count={c.count} share={c.share} shields={c.shields} />
                      </td>
                    ))}
                    <td>
                      <CountFigure count={point.total} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <section aria-labelledby="hour-heading" className="card space-y-3 p-5">
        <h2 id="hour-heading" className="text-xl font-semibold">
          {t("lastHourTitle")}
        </h2>
        <p>{t("lastHourIntro")}</p>
        <table className="data-table">
          <caption className="sr-only">{t("lastHourCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("answer")}</th>
              <th scope="col">{t("events")}</th>
            </tr>
          </thead>
          <tbody>
            {data.lastHour.map((row) => (
              <tr key={row.action} data-action={row.action}>
                <th scope="row">{t(`actions.${row.action}`)}</th>
                <td>
                  <CountFigure count={row.events} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {data.legalBasis === "consent" ? (
        <section aria-labelledby="reasons-heading" className="card space-y-3 p-5">
          <h2 id="reasons-heading" className="text-xl font-semibold">
            {t("reasonsTitle")}
          </h2>
          {data.reasons.cells.length === 0 ? (
            <p>{t("reasonsNone")}</p>
          ) : (
            <>
              <p>
                {t("reasonsIntro")} <CountFigure count={data.reasons.total} />
              </p>
              <CountBarChart
                label={t("reasonsChart")}
                valueLabel={t("events")}
                data={data.reasons.cells.map((c) => ({ label: tReasons(c.reason), count: c.count }))}
              />
              <details>
                <summary className="link cursor-pointer">{t("reasonsTable")}</summary>
                <table className="data-table">
                  <caption className="sr-only">{t("reasonsCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("reason")}</th>
                      <th scope="col">{t("events")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.reasons.cells.map((c) => (
                      <tr key={c.reason}>
                        <th scope="row">{tReasons(c.reason)}</th>
                        <td>
                          <ShareFigure count={c.count} share={c.share} shields={c.shields} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </>
          )}
        </section>
      ) : null}

      <section aria-labelledby="versions-heading" className="card space-y-3 p-5">
        <h2 id="versions-heading" className="text-xl font-semibold">
          {t("versionsTitle")}
        </h2>
        <p>
          {t("versionsIntro", {
            basis: data.legalBasis === "legitimate_interest" ? "objection" : "consent",
            days: afterDays,
          })}
        </p>
        <table className="data-table">
          <caption className="sr-only">{t("versionsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("versionColumn")}</th>
              <th scope="col">{t("published")}</th>
              <th scope="col">{t("before")}</th>
              <th scope="col">{t("after")}</th>
            </tr>
          </thead>
          <tbody>
            {data.versions.map((v) => (
              <tr key={v.version}>
                <th scope="row">
                  {v.version} ({t(`changes.${v.change}`)})
                </th>
                <td>{formatDay(v.publishedOn)}</td>
                <td>
                  <ShareFigure count={v.before.granted?.count ?? null} share={v.before.granted?.share ?? null} />{" "}
                  {t("onDay", { day: formatDay(v.before.day) })}
                </td>
                <td>
                  <ShareFigure count={v.after.granted?.count ?? null} share={v.after.granted?.share ?? null} />{" "}
                  {t("onDay", { day: formatDay(v.after.day) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
