/** The ISO 8601 week number (1–53) of the day `at` falls on in Oslo. */
export function osloIsoWeek(at: Date): number {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" })
    .format(at)
    .split("-")
    .map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  const weekday = date.getUTCDay() || 7; // Monday 1 … Sunday 7
  // The week belongs to the year its Thursday is in; count from that year's 1 January.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const firstOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - firstOfYear) / 86_400_000 + 1) / 7);
}
