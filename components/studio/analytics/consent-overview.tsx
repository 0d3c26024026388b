"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { PurposeRates } from "@/lib/analytics/consent-analytics";
import { CountFigure, ShareFigure } from "./figure";
import { LiveStatus } from "./live-status";
import { useLiveData } from "./use-live-data";

/** Every purpose's answer groups now, kept live. */
export function ConsentOverview({ initial }: { initial: PurposeRates[] }) {
  const t = useTranslations("studio.analytics");
  const live = useLiveData("/studio/analytics/live.json", initial);
  if (live.data.length === 0) return <p>{t("noAnswers")}</p>;
  return (
    <div className="space-y-4">
      <LiveStatus {...live} onPause={live.setPaused} />
      <ul className="space-y-4">
        {live.data.map((purpose) => (
          <li key={purpose.key} className="card space-y-3 p-5">
            <h2 className="text-xl font-semibold">
              <Link href={`/studio/analytics/${purpose.key}`} className="link" aria-label={t("open", { name: purpose.name })}>
                {purpose.name}
              </Link>{" "}
              <span className="text-base font-normal text-slate-700">
                {purpose.version === null ? t("retired") : t("version", { version: purpose.version })}
              </span>
            </h2>
            <AnswerTable purpose={purpose} caption={t("overviewCaption")} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One purpose's groups now: count, share and a meter (no colour needed to read it). */
export function AnswerTable({ purpose, caption }: { purpose: PurposeRates; caption: string }) {
  const t = useTranslations("studio.analytics");
  const label = (category: string) =>
    category === "never" && purpose.legalBasis === "legitimate_interest"
      ? t("neverObjected")
      : t(`categories.${category}` as "categories.granted");
  return (
    <table className="data-table">
      <caption className="sr-only">
        {caption}: {purpose.name}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t("answer")}</th>
          <th scope="col">{t("customers")}</th>
        </tr>
      </thead>
      <tbody>
        {purpose.cells.map((cell) => (
          <tr key={cell.category} data-category={cell.category}>
            <th scope="row">{label(cell.category)}</th>
            <td>
              <span className="flex flex-wrap items-center gap-3">
                <ShareFigure count={cell.count} share={cell.share} shields={cell.shields} />
                {cell.share !== null ? <meter min={0} max={1} value={cell.share} aria-hidden="true" /> : null}
              </span>
            </td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t("customers")}</th>
          <td>
            <CountFigure count={purpose.total} />
          </td>
        </tr>
      </tbody>
    </table>
  );
}
