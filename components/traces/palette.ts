import type { SystemKind } from "@/lib/traces/systems";

// Colours of the trace page. Every colour is paired with text (the system's name on the row,
// the outcome badge), so nothing is told by colour alone.

export const systemChip: Record<SystemKind, string> = {
  identity: "bg-violet-100 text-violet-900 dark:bg-violet-500/15 dark:text-violet-200",
  authorization: "bg-indigo-100 text-indigo-900 dark:bg-indigo-500/15 dark:text-indigo-200",
  mcp: "bg-sky-100 text-sky-900 dark:bg-sky-500/15 dark:text-sky-200",
  policy: "bg-orange-100 text-orange-900 dark:bg-orange-500/15 dark:text-orange-200",
  approvals: "bg-fuchsia-100 text-fuchsia-900 dark:bg-fuchsia-500/15 dark:text-fuchsia-200",
  downstream: "bg-teal-100 text-teal-900 dark:bg-teal-500/15 dark:text-teal-200",
  other: "bg-slate-200 text-slate-800 dark:bg-slate-700/60 dark:text-slate-200",
};

/** The span bar: from an event to its last descendant. */
export const systemBar: Record<SystemKind, string> = {
  identity: "bg-violet-400/70 dark:bg-violet-400/50",
  authorization: "bg-indigo-400/70 dark:bg-indigo-400/50",
  mcp: "bg-sky-400/70 dark:bg-sky-400/50",
  policy: "bg-orange-400/70 dark:bg-orange-400/50",
  approvals: "bg-fuchsia-400/70 dark:bg-fuchsia-400/50",
  downstream: "bg-teal-400/70 dark:bg-teal-400/50",
  other: "bg-slate-400/70 dark:bg-slate-500/60",
};

/** The event's marker on the axis: shape and colour by outcome. */
export const outcomeMarker: Record<string, string> = {
  success: "rounded-full bg-emerald-600 dark:bg-emerald-400",
  failure: "rounded-none bg-red-600 dark:bg-red-400",
  denied: "rotate-45 rounded-[1px] bg-amber-500 dark:bg-amber-400",
  pending: "rounded-full border-2 border-slate-500 bg-white dark:border-slate-300 dark:bg-slate-900",
};

export const OUTCOME_SHAPES: [string, string][] = [
  ["success", "circle"],
  ["failure", "square"],
  ["denied", "diamond"],
  ["pending", "hollow circle"],
];

/** Hatched band of a compressed wait, drawn across every row. */
export const breakBand =
  "bg-[repeating-linear-gradient(135deg,rgb(148_163_184/0.25)_0_4px,transparent_4px_8px)] border-x border-dashed border-slate-300 dark:border-slate-600";

/** The same hatch, small: the legend's swatch and the mark beside a wait's label. */
export const waitSwatch = "bg-[repeating-linear-gradient(135deg,rgb(100_116_139/0.6)_0_3px,transparent_3px_6px)]";
