import type { ReactNode } from "react";

// One table for lists of records: the frame, an accessible name (the caption, read by screen
// readers and by the e2e specs), a header row from the column names, and a body the caller
// fills with its own rows (`<tr>`, with `td` on its cells). Tables that group rows into several
// bodies (policies) keep their own markup.

export const tableFrame =
  "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900";
export const th =
  "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
/** The decisions pages (approvals, sessions, policies) set their headers in sentence case. */
export const thPlain = "px-3 py-2 text-left text-xs font-medium text-slate-600 dark:text-slate-400";
export const td = "px-3 py-2 align-top";

/** Findings (actions that ran without approval) sit in a red frame. */
const dangerFrame =
  "overflow-x-auto rounded-lg border border-red-200 bg-white shadow-sm dark:border-red-900 dark:bg-slate-900";
/** Inside a Card the card is the frame: no border of its own, no rule under a quieter header. */
const cardTh = "py-1 pr-3 text-left text-xs font-medium text-slate-600 last:pr-0 dark:text-slate-400";

/** A column's header text, or the text and whether it holds numbers (right-aligned). */
export type Column = string | { label: string; numeric?: boolean };

export function DataTable({
  caption,
  columns,
  children,
  footer,
  inCard = false,
  danger = false,
  headerCell = inCard ? cardTh : th,
}: {
  caption: string;
  columns: Column[];
  children: ReactNode;
  /** Below the table, inside the frame: e.g. "Showing the 50 newest of 120". */
  footer?: ReactNode;
  inCard?: boolean;
  danger?: boolean;
  /** The header cell class, for a table that does not use `th` (or, in a Card, the quieter one). */
  headerCell?: string;
}) {
  return (
    <div className={inCard ? "overflow-x-auto" : danger ? dangerFrame : tableFrame}>
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className={inCard ? undefined : "border-b border-slate-200 dark:border-slate-800"}>
          <tr>
            {columns.map((column) => {
              const { label, numeric } = typeof column === "string" ? { label: column, numeric: false } : column;
              return (
                <th key={label} scope="col" className={numeric ? `${headerCell} text-right` : headerCell}>
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>
      </table>
      {footer}
    </div>
  );
}
