"use client";

/** A figure kept back: "< 10" on screen, its meaning ("fewer than 10") in the title. */
export type HiddenFigure = { shown: string; spoken: string };

/**
 * One table of the transparency report: a caption, a header row, and each row named by
 * its first cell (a month, a purpose). A client component only to keep the page light (as
 * `DataTable`): the rows reach the page once, as already-formatted text, and a hidden
 * figure is `null` there too. Too wide for a phone, it scrolls sideways in its own
 * focusable region rather than restacking, so the table stays a plain table.
 */
export function ReportTable({
  caption,
  columns,
  rows,
  hidden,
}: {
  caption: string;
  /** The row header's column first, then one per cell. */
  columns: string[];
  rows: { key: string; header: string; cells: (string | HiddenFigure | null)[] }[];
  /** What a `null` cell shows. */
  hidden: HiddenFigure;
}) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, i) => {
                const figure = cell ?? hidden;
                return (
                  <td key={i}>
                    {typeof figure === "string" ? figure : <abbr title={figure.spoken}>{figure.shown}</abbr>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
