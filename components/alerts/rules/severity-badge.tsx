import type { AlertRule } from "@/lib/alerts/rules/schema";

// Severity in words first; the colour only repeats it.
const CLASSES: Record<AlertRule["severity"], string> = {
  low: "border-slate-300 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300",
  medium: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200",
  high: "border-orange-300 bg-orange-50 text-orange-900 dark:border-orange-800 dark:bg-orange-950/40 dark:text-orange-200",
  critical: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200",
};

export function SeverityBadge({ severity }: { severity: AlertRule["severity"] }) {
  return (
    <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${CLASSES[severity]}`}>
      {severity}
    </span>
  );
}
