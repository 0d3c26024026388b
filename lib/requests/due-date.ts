// Art. 12(3): a request is answered "within one month of receipt", extendable by two
// further months. Counted in Oslo calendar dates; a month that has no such day ends on
// its last day (31 January + 1 month = 28 or 29 February).

const osloDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Oslo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Oslo calendar date of an instant, as YYYY-MM-DD. */
export function osloDay(instant: Date): string {
  return osloDate.format(instant);
}

/** A YYYY-MM-DD date plus whole calendar months, clamped to the end of the target month. */
export function addCalendarMonths(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const targetMonthIndex = month - 1 + months;
  const targetYear = year + Math.floor(targetMonthIndex / 12);
  const targetMonth = ((targetMonthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(targetYear, 4)}-${pad(targetMonth + 1)}-${pad(Math.min(date, lastDay))}`;
}

/** The due date of a request received at `receivedAt`: one calendar month later. */
export function dueDateFor(receivedAt: Date): string {
  return addCalendarMonths(osloDay(receivedAt), 1);
}

/**
 * The due date after an extension of `months` (1 or 2) further months, counted from the
 * receipt like the first month, so 31 January + 3 months is 30 April.
 */
export function extendedDueDateFor(receivedAt: Date, months: number): string {
  return addCalendarMonths(osloDay(receivedAt), 1 + months);
}
