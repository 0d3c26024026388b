import type { ReactNode } from "react";

/**
 * A table of records. From the small breakpoint up it is a table that scrolls sideways
 * inside its own focusable, named region if it must; on a phone each row is stacked, every
 * cell under its column's name, so nothing is wider than the screen. The explicit roles
 * keep the table's semantics when its display changes.
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
      <table role="table" className="w-full border-collapse text-left text-sm max-sm:block sm:min-w-max">
        <thead role="rowgroup" className="bg-slate-100 max-sm:sr-only">
          <tr role="row">
            {columns.map((column) => (
              <th key={column} role="columnheader" scope="col" className="px-3 py-2 font-semibold">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="max-sm:block">
          {rows.map((row) => (
            <tr
              key={row.key}
              role="row"
              className="border-t border-slate-200 max-sm:block max-sm:py-2 max-sm:first:border-t-0"
            >
              {row.cells.map((cell, i) => (
                <td
                  key={i}
                  role="cell"
                  data-label={columns[i]}
                  // On a phone the column's name comes first, shown but not read twice (alt text "").
                  className="px-3 py-2 align-top max-sm:flex max-sm:gap-3 max-sm:py-1 max-sm:before:w-2/5 max-sm:before:shrink-0 max-sm:before:font-medium max-sm:before:content-[attr(data-label)_/_'']"
                >
                  <span className="min-w-0 break-words max-sm:flex-1">{cell}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
