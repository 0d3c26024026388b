import { describe, expect, it } from "vitest";
import { suppressCount, suppressedMedian, suppressPartition } from "./suppression";

describe("suppression", () => {
  it("hides a count under 10, zero included", () => {
    expect([0, 1, 9, 10, 11].map(suppressCount)).toEqual([null, null, null, 10, 11]);
  });

  it("hides a second cell when one hidden cell could be worked out from the total", () => {
    const cells = suppressPartition({ a: 50, b: 30, c: 4 }, 84);
    expect(cells).toEqual({ a: { count: 50, share: 50 / 84 }, b: { count: null, share: null }, c: { count: null, share: null } });
  });

  it("leaves two or more hidden cells as they are", () => {
    const cells = suppressPartition({ a: 50, b: 3, c: 4 }, 57);
    expect(cells.a).toEqual({ count: 50, share: 50 / 57 });
    expect(cells.b.count).toBeNull();
    expect(cells.c.count).toBeNull();
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
