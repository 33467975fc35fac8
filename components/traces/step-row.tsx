"use client";

import { type ReactNode, useId, useState } from "react";

// The one interactive part of the trace page: a step opens to its full event and closes
// again, by mouse or keyboard (a real button with aria-expanded).

export function StepRow({
  depth,
  title,
  summary,
  axis,
  details,
}: {
  depth: number;
  title: ReactNode;
  summary: ReactNode;
  axis: ReactNode;
  details: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <>
      <div className="grid grid-cols-[minmax(0,26rem)_minmax(0,1fr)] border-b border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/40">
        <div className="min-w-0 py-1.5 pr-3" style={{ paddingLeft: `${0.25 + depth * 1.25}rem` }}>
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((value) => !value)}
            className="flex max-w-full items-baseline gap-1.5 rounded text-left text-sm font-medium text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-slate-100"
          >
            <span aria-hidden="true" className="inline-block w-3 shrink-0 text-slate-500 dark:text-slate-400">
              {open ? "▾" : "▸"}
            </span>
            <span className="min-w-0 break-words">{title}</span>
          </button>
          <div className="pl-[1.125rem]">{summary}</div>
        </div>
        <div className="relative min-h-14">{axis}</div>
      </div>
      <div
        id={panelId}
        hidden={!open}
        className="border-b border-slate-200 bg-slate-50/70 px-4 py-3 dark:border-slate-800 dark:bg-slate-950/40"
        style={{ paddingLeft: `${1.5 + depth * 1.25}rem` }}
      >
        {open && details}
      </div>
    </>
  );
}
