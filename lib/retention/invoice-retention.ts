// Order invoices are kept under the Bookkeeping Act (bokføringsloven) § 13: five years
// after the end of the financial year, which for us is the calendar year in Oslo.
export const INVOICE_RETENTION_YEARS = 5;

export function osloYear(at: Date): number {
  return Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Oslo", year: "numeric" }).format(at));
}

/** Today's date in Oslo as YYYY-MM-DD. */
export function osloToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(now);
}

/** The last day (YYYY-MM-DD) an invoice for an order placed at `placedAt` must be kept. */
export function invoiceKeepUntil(placedAt: Date): string {
  return `${osloYear(placedAt) + INVOICE_RETENTION_YEARS}-12-31`;
}

/**
 * The earliest order time whose invoice must still be kept on `today` (YYYY-MM-DD, Oslo):
 * midnight starting 1 January of the oldest financial year still kept, in Oslo (UTC+1 in
 * winter). One rule for the erasure (what it keeps) and the bookkeeping benefit (what is
 * kept for the customer), in code and as a query bound.
 */
export function invoicesKeptFrom(today: string): Date {
  const oldestYear = Number(today.slice(0, 4)) - INVOICE_RETENTION_YEARS;
  return new Date(Date.UTC(oldestYear, 0, 1) - 60 * 60 * 1000);
}

/** Still within its retention period on `today` (YYYY-MM-DD, Oslo)? */
export function mustKeepInvoice(placedAt: Date, today: string): boolean {
  return placedAt >= invoicesKeptFrom(today);
}
