import type { Retention } from "./categories";

/** Years and months for a retention message ({years} / {months}). */
export function retentionValues(retention: Retention) {
  if (retention.kind === "yearEnd" || retention.kind === "years") {
    return { years: retention.years, months: retention.years * 12 };
  }
  if (retention.kind === "days") {
    return { years: Math.round((retention.days / 365) * 10) / 10, months: Math.round(retention.days / 30.4375) };
  }
  return { years: 0, months: 0 };
}
