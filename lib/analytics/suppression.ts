/**
 * Small groups are never shown exactly: any count under this describes so few customers
 * that it could point at one of them. Suppressed figures travel as `null` (the page shows
 * "< 10"), so the exact number never leaves the server.
 */
export const SUPPRESS_BELOW = 10;

export type Count = number | null;

/** A single count on its own (no total beside it that would give it away). */
export function suppressCount(n: number): Count {
  return n < SUPPRESS_BELOW ? null : n;
}

/**
 * The cells of one partition of a published total (e.g. a purpose's customers by answer).
 * Each cell under the threshold is hidden. The total minus the shown cells gives away the
 * sum of the hidden ones, so while that sum is between 1 and 9 the smallest shown cell is
 * hidden too: what anyone can work out is then a group of none or of at least 10 (a
 * hidden cell that is 0 describes no one). Shares (0–1) are given only for shown cells.
 */
export function suppressPartition<K extends string>(
  cells: Record<K, number>,
  total: number,
): Record<K, { count: Count; share: number | null }> {
  const keys = Object.keys(cells) as K[];
  const hidden = new Set(keys.filter((k) => cells[k] < SUPPRESS_BELOW));
  const hiddenSum = () => [...hidden].reduce((sum, k) => sum + cells[k], 0);
  while (hiddenSum() > 0 && hiddenSum() < SUPPRESS_BELOW) {
    const next = keys.filter((k) => !hidden.has(k)).sort((a, b) => cells[a] - cells[b])[0];
    if (next === undefined) break;
    hidden.add(next);
  }
  const totalShown = total >= SUPPRESS_BELOW;
  return Object.fromEntries(
    keys.map((k) => [
      k,
      hidden.has(k) ? { count: null, share: null } : { count: cells[k], share: totalShown && total > 0 ? cells[k] / total : null },
    ]),
  ) as Record<K, { count: Count; share: number | null }>;
}

/** The median of a histogram of whole days (value → how many), or null under the threshold. */
export function suppressedMedian(histogram: ReadonlyArray<{ value: number; n: number }>): number | null {
  const total = histogram.reduce((sum, h) => sum + h.n, 0);
  if (total < SUPPRESS_BELOW) return null;
  const sorted = [...histogram].sort((a, b) => a.value - b.value);
  const at = (rank: number) => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.n;
      if (seen > rank) return h.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}
