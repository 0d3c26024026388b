import type { ExportValue } from "./fields";

// RFC 4180 CSV for spreadsheet users: CRLF lines, fields quoted when they hold a comma,
// quote or line break, and a BOM so Excel reads UTF-8. A text cell that a spreadsheet
// would run as a formula (= + - @ tab CR, OWASP "CSV injection") gets a leading quote.

export const CSV_BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: ExportValue | undefined): string {
  let text: string;
  if (value === null || value === undefined) text = "";
  else if (typeof value === "number") text = String(value);
  else if (typeof value === "boolean") text = value ? "true" : "false";
  else if (typeof value === "string") text = FORMULA_START.test(value) ? `'${value}` : value;
  else {
    // Nested values (a consent's shown text, an event's detail) as JSON text.
    const json = JSON.stringify(value);
    text = FORMULA_START.test(json) ? `'${json}` : json;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: (ExportValue | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
