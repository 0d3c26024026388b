import { describe, expect, it } from "vitest";
import { addCalendarMonths, dueDateFor, extendedDueDateFor, osloDay } from "./due-date";

describe("request due dates", () => {
  it("is one calendar month after receipt", () => {
    expect(dueDateFor(new Date("2026-03-15T10:00:00Z"))).toBe("2026-04-15");
    expect(dueDateFor(new Date("2026-12-20T10:00:00Z"))).toBe("2027-01-20");
  });

  it("ends on the last day of a shorter month", () => {
    expect(dueDateFor(new Date("2027-01-31T12:00:00Z"))).toBe("2027-02-28");
    expect(dueDateFor(new Date("2028-01-31T12:00:00Z"))).toBe("2028-02-29");
    expect(dueDateFor(new Date("2026-03-31T12:00:00Z"))).toBe("2026-04-30");
    expect(dueDateFor(new Date("2026-08-31T12:00:00Z"))).toBe("2026-09-30");
  });

  it("counts the day in Oslo, not UTC", () => {
    // 23:30 UTC on 31 January is already 1 February in Oslo.
    expect(osloDay(new Date("2027-01-31T23:30:00Z"))).toBe("2027-02-01");
    expect(dueDateFor(new Date("2027-01-31T23:30:00Z"))).toBe("2027-03-01");
    // Summer time: 22:30 UTC on 30 June is 00:30 on 1 July.
    expect(dueDateFor(new Date("2026-06-30T22:30:00Z"))).toBe("2026-08-01");
  });

  it("extends by further months from the receipt", () => {
    expect(extendedDueDateFor(new Date("2027-01-31T12:00:00Z"), 2)).toBe("2027-04-30");
    expect(extendedDueDateFor(new Date("2027-01-31T12:00:00Z"), 1)).toBe("2027-03-31");
    expect(extendedDueDateFor(new Date("2026-11-30T12:00:00Z"), 2)).toBe("2027-02-28");
  });

  it("adds months across years and clamps", () => {
    expect(addCalendarMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addCalendarMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addCalendarMonths("2026-01-15", 0)).toBe("2026-01-15");
  });
});
