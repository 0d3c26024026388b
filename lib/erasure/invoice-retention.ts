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

/** Still within its retention period on `today` (YYYY-MM-DD, Oslo)? */
export function mustKeepInvoice(placedAt: Date, today: string): boolean {
  return invoiceKeepUntil(placedAt) >= today;
}
