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
 * sum of the hidden ones, so the smallest shown cell is hidden too, and the next, for as
 * long as that sum would give a hidden cell away: see `givesAway`. Such a cell is marked
 * `shields`: it is hidden for the others' sake and may well be 10 or more, so it must not be
 * shown as "< 10". Shares (0–1) are given only for shown cells.
 */
export function suppressPartition<K extends string>(cells: Record<K, number>, total: number): Record<K, PartitionCell> {
  const keys = Object.keys(cells) as K[];
  const hidden = new Set(keys.filter((k) => cells[k] < SUPPRESS_BELOW));
  while (hidden.size > 0 && givesAway([...hidden].map((k) => cells[k]))) {
    const next = keys.filter((k) => !hidden.has(k)).sort((a, b) => cells[a] - cells[b])[0];
    if (next === undefined) break;
    hidden.add(next);
  }
  const totalShown = total >= SUPPRESS_BELOW;
  return Object.fromEntries(
    keys.map((k) => [
      k,
      !hidden.has(k)
        ? { count: cells[k], share: totalShown && total > 0 ? cells[k] / total : null }
        : cells[k] < SUPPRESS_BELOW
          ? { count: null, share: null }
          : { count: null, share: null, shields: true },
    ]),
  ) as Record<K, PartitionCell>;
}

/** A cell of a partition: its count and share, or hidden (`shields`: hidden so another cannot be worked out). */
export type PartitionCell = { count: Count; share: number | null; shields?: true };

/**
 * Whether the hidden cells of a row, whose sum anyone can work out from the total, still
 * give something away. A reader knows each "< 10" is 0–9 and each cell hidden for the
 * others' sake (`shields`) is 10 or more. Their sum pins a cell to one value when it is a
 * group of 1–9 itself (or 0: every hidden cell is 0), when one cell is hidden alone, when
 * the "< 10" cells alone are hidden and each must be 9, or when each shielding cell must
 * be exactly 10 (and each "< 10" then 0). Any other sum leaves every hidden cell at least
 * two values, so no one figure can be worked out.
 */
function givesAway(hidden: readonly number[]): boolean {
  const sum = hidden.reduce((s, n) => s + n, 0);
  const shielding = hidden.filter((n) => n >= SUPPRESS_BELOW).length;
  return (
    sum < SUPPRESS_BELOW ||
    hidden.length === 1 ||
    (shielding === 0 && sum === (SUPPRESS_BELOW - 1) * hidden.length) ||
    (shielding > 0 && sum === SUPPRESS_BELOW * shielding)
  );
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
