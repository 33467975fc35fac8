// Severity and status as text plus colour, so neither depends on colour alone.
const severityTones: Record<string, string> = {
  critical: "bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/30",
  high: "bg-orange-50 text-orange-800 ring-orange-600/30 dark:bg-orange-500/10 dark:text-orange-300 dark:ring-orange-400/30",
  medium:
    "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/20",
  low: "bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/20",
};
const statusTones: Record<string, string> = {
  open: "bg-red-50 text-red-800 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/20",
  acknowledged:
    "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/20",
  resolved:
    "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/20",
};
const neutral =
  "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-500/10 dark:text-slate-300 dark:ring-slate-400/20";
const badge = "inline-flex rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset";

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`${badge} ${severityTones[severity] ?? neutral}`}>{severity}</span>;
}

export function AlertStatusBadge({ status }: { status: string }) {
  return <span className={`${badge} ${statusTones[status] ?? neutral}`}>{status}</span>;
}
