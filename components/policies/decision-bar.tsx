import type { DecisionCounts } from "@/lib/queries/policy-decisions";

// Allow / deny / require-approval shares as one thin stacked bar. The numbers next to it are
// the text; the bar is a picture of them, named for screen readers and never the only signal.

export const DECISION_STYLE = {
  allow: { label: "Allow", bar: "bg-emerald-500", text: "text-emerald-800 dark:text-emerald-300" },
  deny: { label: "Deny", bar: "bg-red-500", text: "text-red-800 dark:text-red-300" },
  require_approval: { label: "Require approval", bar: "bg-amber-500", text: "text-amber-800 dark:text-amber-300" },
} as const;

export function DecisionBar({ counts, total }: { counts: DecisionCounts; total: number }) {
  const parts = (Object.keys(DECISION_STYLE) as (keyof DecisionCounts)[]).filter((d) => counts[d] > 0);
  const label = parts.map((d) => `${DECISION_STYLE[d].label} ${percent(counts[d], total)}`).join(", ");
  return (
    <div
      role="img"
      aria-label={label || "No decisions"}
      title={label}
      className="flex h-2 w-32 overflow-hidden rounded bg-slate-100 dark:bg-slate-800"
    >
      {parts.map((d) => (
        <div key={d} className={DECISION_STYLE[d].bar} style={{ width: `${(counts[d] / total) * 100}%` }} />
      ))}
    </div>
  );
}

export function percent(count: number, total: number): string {
  if (total === 0) return "0%";
  const value = (count / total) * 100;
  return `${value < 10 && value > 0 ? value.toFixed(1) : Math.round(value)}%`;
}
