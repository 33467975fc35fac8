import Link from "next/link";
import type { ReactNode } from "react";

// The frame every chart sits in: a titled, described figure with a link to the matching events,
// a one-line summary anyone can read, and the numbers as a table behind a disclosure, which is
// also the keyboard and screen-reader path to every link the chart's bars offer.
export function ChartFigure({
  id,
  title,
  description,
  summary,
  href,
  hrefLabel = "Open in explorer",
  table,
  children,
}: {
  id: string;
  title: string;
  description: string;
  summary: ReactNode;
  href: string;
  hrefLabel?: string;
  table: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="mb-1 flex items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
          <Link href={href} className="hover:underline underline-offset-2">
            {title}
          </Link>
        </h2>
        <Link
          href={href}
          className="shrink-0 text-xs text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
        >
          {hrefLabel}
          <span className="sr-only">: {title}</span>
        </Link>
      </header>
      <p id={`${id}-desc`} className="text-xs text-slate-600 dark:text-slate-400">
        {description} {summary}
      </p>
      <div className="mt-3 text-slate-500 dark:text-slate-400">{children}</div>
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Show as table</summary>
        <div className="mt-2 max-h-72 overflow-auto">{table}</div>
      </details>
    </figure>
  );
}

export const tableClass = "w-full text-left text-xs tabular-nums text-slate-700 dark:text-slate-300";
export const thClass =
  "sticky top-0 bg-white px-2 py-1 font-medium text-slate-900 dark:bg-slate-900 dark:text-slate-100";
export const tdClass = "border-t border-slate-100 px-2 py-1 dark:border-slate-800";
