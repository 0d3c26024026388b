import { describe, expect, it } from "vitest";
import { SUPPRESS_BELOW, suppressCount, suppressedMedian, suppressPartition } from "./suppression";

/**
 * What a reader of the page can tell about each hidden cell from the total and the shown
 * cells, trying every value for it and asking whether the other hidden cells can make up
 * the rest: with no bound, and taking "< 10" at its word (each hidden cell 0–9).
 */
function whatTheReaderCanTell(cells: Record<string, number>, total: number) {
  const result = suppressPartition(cells, total);
  const hidden = Object.keys(cells).filter((k) => result[k]!.count === null);
  const left = total - Object.keys(cells).reduce((sum, k) => sum + (result[k]!.count ?? 0), 0);
  const possible = (max: number) =>
    hidden.map(() => {
      // Every sum the other hidden cells can make, cell by cell.
      let sums = new Set([0]);
      for (let i = 0; i < hidden.length - 1; i++) {
        const next = new Set<number>();
        for (const s of sums) for (let v = 0; v <= Math.min(max, left - s); v++) next.add(s + v);
        sums = next;
      }
      const values = new Set<number>();
      for (let v = 0; v <= Math.min(max, left); v++) if (sums.has(left - v)) values.add(v);
      return values;
    });
  // As the page marks them: "< 10" is 0–9, a cell hidden for the others' sake is 10 or more.
  const ranges: [number, number][] = hidden.map((k) =>
    result[k]!.shields ? [SUPPRESS_BELOW, left] : [0, SUPPRESS_BELOW - 1],
  );
  const marked = hidden.map((_, i) => {
    let sums = new Set([0]);
    ranges.forEach(([low, high], j) => {
      if (j === i) return;
      const next = new Set<number>();
      for (const s of sums) for (let v = low; v <= Math.min(high, left - s); v++) next.add(s + v);
      sums = next;
    });
    const values = new Set<number>();
    for (let v = ranges[i]![0]; v <= Math.min(ranges[i]![1], left); v++) if (sums.has(left - v)) values.add(v);
    return values;
  });
  return { result, hidden, left, anyBound: possible(left), literal: possible(SUPPRESS_BELOW - 1), marked };
}

/** No hidden cell is pinned to its true value, under either reading. */
function expectNothingGivenAway(cells: Record<string, number>, total: number) {
  const { result, hidden, left, anyBound, literal, marked } = whatTheReaderCanTell(cells, total);
  const label = JSON.stringify({ cells, total, hidden });
  for (const [k, v] of Object.entries(cells)) {
    if (v < SUPPRESS_BELOW) expect(result[k]!.count, label).toBeNull();
    if (result[k]!.count !== null) expect(result[k]!.count, label).toBe(v);
  }
  // A total under 10 is itself hidden (and so is every cell of it): there is nothing to subtract from.
  if (total < SUPPRESS_BELOW || hidden.length === 0) return;
  // The hidden cells together are no group of 1–9, nor a group of none.
  expect(left, label).toBeGreaterThanOrEqual(SUPPRESS_BELOW);
  const pinned = (values: Set<number>, k: string) => values.size === 1 && values.has(cells[k]!);
  expect(hidden.filter((k, i) => pinned(anyBound[i]!, k)), label).toEqual([]);
  // With every cell hidden there is none left to hide: a row of nothing but 9s (18 = 9 + 9)
  // could only be kept by hiding its total, which its caller publishes (not done here).
  if (hidden.length < Object.keys(cells).length) {
    expect(hidden.filter((k, i) => pinned(literal[i]!, k)), label).toEqual([]);
    expect(hidden.filter((k, i) => pinned(marked[i]!, k)), `${label}, read by its marks`).toEqual([]);
  }
  // A cell hidden for the others' sake is marked so, never shown as "< 10".
  for (const k of hidden) expect(Boolean(result[k]!.shields), `${label} ${k}`).toBe(cells[k]! >= SUPPRESS_BELOW);
}

/** A small deterministic generator, so a failure names its row and comes back the same. */
function rows(seed: number, count: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const values = [0, 0, 0, 1, 2, 4, 7, 8, 9, 9, 10, 11, 12, 14, 18, 20, 28, 34];
  return Array.from({ length: count }, () => {
    const size = 1 + Math.floor(next() * 5);
    return Object.fromEntries(
      Array.from({ length: size }, (_, i) => [`c${i}`, values[Math.floor(next() * values.length)]!]),
    ) as Record<string, number>;
  });
}

describe("suppression", () => {
  it("hides a count under 10, zero included", () => {
    expect([0, 1, 9, 10, 11].map(suppressCount)).toEqual([null, null, null, 10, 11]);
  });

  it("hides a second cell when the hidden ones together would be a group under 10", () => {
    const cells = suppressPartition({ a: 50, b: 30, c: 4 }, 84);
    expect(cells).toEqual({ a: { count: 50, share: 50 / 84 }, b: { count: null, share: null, shields: true }, c: { count: null, share: null } });
    // 3 + 4 = 7 is still under 10 with two cells hidden: the third goes too.
    const small = suppressPartition({ a: 50, b: 3, c: 4 }, 57);
    expect(Object.values(small).every((c) => c.count === null)).toBe(true);
  });

  it("leaves hidden cells that add up to 10 or more, and pin none of them, as they are", () => {
    const cells = suppressPartition({ a: 50, b: 6, c: 4 }, 60);
    expect(cells.a).toEqual({ count: 50, share: 50 / 60 });
    expect([cells.b.count, cells.c.count]).toEqual([null, null]);
  });

  it("hides one more when the hidden cells add up to none: each of them would be 0", () => {
    // The tester's row: 62 customers, 34 agreed, 28 never answered; the three "< 10" between could only be 0.
    const row = { granted: 34, reconsent: 0, withdrawn: 0, expired: 0, never: 28 };
    const cells = suppressPartition(row, 62);
    expect(cells.granted).toEqual({ count: 34, share: 34 / 62 });
    expect(Object.values(cells).filter((c) => c.count === null)).toHaveLength(4);
    expectNothingGivenAway(row, 62);
    // 12 of 12 on time: "late" would be 12 − 12 = 0.
    expect(suppressPartition({ onTime: 12, late: 0 }, 12)).toEqual({
      onTime: { count: null, share: null, shields: true },
      late: { count: null, share: null },
    });
    // Everyone in one group: each empty group would be 20 − 20 = 0.
    const everyone = suppressPartition({ granted: 0, withdrawn: 0, never: 20 }, 20);
    expect(Object.values(everyone).every((c) => c.count === null)).toBe(true);
  });

  it("hides one more when, read as '< 10' each, the hidden cells could only all be 9", () => {
    // 68 − 50 = 18 over two cells under 10: 9 and 9, nothing else fits.
    const cells = suppressPartition({ a: 50, b: 9, c: 9 }, 68);
    expect(Object.values(cells).every((c) => c.count === null)).toBe(true);
    expectNothingGivenAway({ a: 50, b: 9, c: 9 }, 68);
    expectNothingGivenAway({ a: 40, b: 9, c: 9, d: 9, e: 12 }, 79);
  });

  it("gives no hidden cell away in any small row (brute force over every way to fill them)", () => {
    for (const cells of rows(20240611, 400)) {
      const total = Object.values(cells).reduce((sum, n) => sum + n, 0);
      expectNothingGivenAway(cells, total);
    }
  });

  it("hides one more when, read by their marks, each shielding cell could only be 10", () => {
    // 60 − 50 = 10: "< 10" (0–9) plus a cell of 10 or more can only be 0 + 10.
    const cells = suppressPartition({ a: 50, b: 0, c: 10, d: 30 }, 90);
    expect(cells.c).toEqual({ count: null, share: null, shields: true });
    expect(cells.d.count, "hidden too").toBeNull();
    expectNothingGivenAway({ a: 50, b: 0, c: 10, d: 30 }, 90);
  });

  it("gives no share of a total under 10", () => {
    expect(suppressPartition({ a: 9 }, 9).a).toEqual({ count: null, share: null });
  });

  it("takes the exact median of a histogram, or none under 10", () => {
    expect(suppressedMedian([{ value: 3, n: 9 }])).toBeNull();
    expect(suppressedMedian([{ value: 5, n: 5 }, { value: 1, n: 5 }])).toBe(3);
    expect(suppressedMedian([{ value: 2, n: 6 }, { value: 9, n: 5 }])).toBe(2);
  });
});
