// Shared class names, so every control looks and focuses the same way.
export const buttonClass =
  "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800";
export const primaryButtonClass =
  "inline-flex items-center gap-1.5 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-sky-800 disabled:opacity-50 dark:bg-sky-700 dark:hover:bg-sky-800";
export const dangerButtonClass =
  "inline-flex items-center gap-1.5 rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-red-800 disabled:opacity-50";
export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100";
export const labelClass = "block text-xs font-medium text-slate-700 dark:text-slate-300";
export const linkClass = "text-sky-700 underline-offset-2 hover:underline dark:text-sky-400";
export const muted = "text-slate-600 dark:text-slate-400";
export const sectionHeading = "mb-2 text-base font-semibold text-slate-900 dark:text-slate-100";
