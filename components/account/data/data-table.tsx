"use client";

import type { ReactNode } from "react";

/**
 * A table of records. From the small breakpoint up it is a table that scrolls sideways
 * inside its own focusable, named region if it must; on a phone each row is stacked, every
 * cell under its column's name, so nothing is wider than the screen. The explicit roles
 * keep the table's semantics when its display changes. Its styles are the `.data-table`
 * rules in app/globals.css: a long list repeats no class strings. A client component only
 * to keep pages light: it renders on the server like the rest, and its rows reach the
 * page once, as data, instead of twice (markup and RSC payload; ARCHITECTURE.md).
 */
export function DataTable({
  label,
  columns,
  rows,
}: {
  label: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="rounded-lg border border-slate-200 bg-white sm:overflow-x-auto"
    >
      <table role="table" className="data-table">
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th key={column} role="columnheader" scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={row.key} role="row">
              {row.cells.map((cell, i) => (
                // On a phone the column's name comes first, from data-label (globals.css, .data-table).
                <td key={i} role="cell" data-label={columns[i]}>
                  <span>{cell}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
