import { describe, expect, it } from "vitest";
import { suppressCount, suppressedMedian, suppressPartition } from "./suppression";

describe("suppression", () => {
  it("hides a count under 10, zero included", () => {
    expect([0, 1, 9, 10, 11].map(suppressCount)).toEqual([null, null, null, 10, 11]);
  });

  it("hides a second cell when the hidden ones together would be a group under 10", () => {
    const cells = suppressPartition({ a: 50, b: 30, c: 4 }, 84);
    expect(cells).toEqual({ a: { count: 50, share: 50 / 84 }, b: { count: null, share: null }, c: { count: null, share: null } });
    // 3 + 4 = 7 is still under 10 with two cells hidden: the third goes too.
    const small = suppressPartition({ a: 50, b: 3, c: 4 }, 57);
    expect(Object.values(small).every((c) => c.count === null)).toBe(true);
  });

  it("leaves hidden cells that add up to 10 or more, or to none, as they are", () => {
    const cells = suppressPartition({ a: 50, b: 6, c: 4 }, 60);
    expect(cells.a).toEqual({ count: 50, share: 50 / 60 });
    expect([cells.b.count, cells.c.count]).toEqual([null, null]);
    // Nobody late: 12 of 12 on time is no group of fewer than 10 anyone could single out.
    expect(suppressPartition({ onTime: 12, late: 0 }, 12)).toEqual({
      onTime: { count: 12, share: 1 },
      late: { count: null, share: null },
    });
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
