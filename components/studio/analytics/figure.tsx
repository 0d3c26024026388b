"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { Count } from "@/lib/analytics/suppression";

/** A count, or "< 10" (read out as "fewer than 10") when the group is too small to show. */
export function CountFigure({ count }: { count: Count }) {
  const t = useTranslations("studio.analytics");
  const format = useFormatter();
  if (count === null) return <Suppressed label={t("fewerLong")} text={t("fewer")} />;
  return <>{format.number(count)}</>;
}

/**
 * A share of all customers, with its count; "< 10" when suppressed, "hidden" when hidden so
 * that a smaller figure beside it cannot be worked out (it may be 10 or more).
 */
export function ShareFigure({ count, share, shields }: { count: Count; share: number | null; shields?: true }) {
  const t = useTranslations("studio.analytics");
  const format = useFormatter();
  if (count === null && shields) return <Suppressed label={t("shieldingLong")} text={t("shielding")} />;
  if (count === null) return <Suppressed label={t("fewerLong")} text={t("fewer")} />;
  if (share === null) return <>{format.number(count)}</>;
  return (
    <>
      {t("countAndShare", {
        count: format.number(count),
        share: format.number(share, { style: "percent", maximumFractionDigits: 1 }),
      })}
    </>
  );
}

function Suppressed({ label, text }: { label: string; text: string }) {
  return (
    <span>
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
