export const tableFrame =
  "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900";
export const th =
  "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
export const td = "px-3 py-2 align-top";
export const muted = "text-slate-600 dark:text-slate-400";
export const sectionHeading = "mb-2 text-base font-semibold text-slate-900 dark:text-slate-100";
