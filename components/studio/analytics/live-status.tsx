"use client";

import { useFormatter, useTranslations } from "next-intl";

/** When the figures were last fetched, and the pause switch live content must have (WCAG 2.2.2). */
export function LiveStatus(props: { updatedAt: Date; stale: boolean; paused: boolean; onPause: (paused: boolean) => void }) {
  const t = useTranslations("studio.analytics");
  const format = useFormatter();
  const time = format.dateTime(props.updatedAt, { timeStyle: "medium" });
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <p className={props.stale ? "font-medium text-red-900" : "text-slate-700"} data-testid="live-status">
        {props.stale ? t("liveStale", { time }) : t("live", { time })}
      </p>
      <button type="button" className="btn-secondary" aria-pressed={props.paused} onClick={() => props.onPause(!props.paused)}>
        {props.paused ? t("resume") : t("pause")}
      </button>
    </div>
  );
}
