import { describe, expect, it } from "vitest";
import { osloIsoWeek } from "./iso-week";

describe("osloIsoWeek", () => {
  it("numbers weeks as ISO 8601 does, by the day in Oslo", () => {
    expect(osloIsoWeek(new Date("2026-11-26T09:00:00Z"))).toBe(48);
    expect(osloIsoWeek(new Date("2025-12-11T09:00:00Z"))).toBe(50);
    // A week belongs to the year of its Thursday.
    expect(osloIsoWeek(new Date("2024-12-31T12:00:00Z"))).toBe(1);
    expect(osloIsoWeek(new Date("2027-01-01T12:00:00Z"))).toBe(53);
    expect(osloIsoWeek(new Date("2027-01-04T12:00:00Z"))).toBe(1);
    // Sunday 23:30 in UTC is already Monday in Oslo.
    expect(osloIsoWeek(new Date("2026-11-29T22:30:00Z"))).toBe(48);
    expect(osloIsoWeek(new Date("2026-11-29T23:30:00Z"))).toBe(49);
  });
});
