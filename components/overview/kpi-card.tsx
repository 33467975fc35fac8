import Link from "next/link";

// One headline number that opens the events behind it. The whole card is the link, so its
// accessible name reads "Denials 107, open in explorer".
export function KpiCard({
  label,
  value,
  href,
  hint,
  tone = "neutral",
  testId,
}: {
  label: string;
  value: number;
  href: string;
  hint: string;
  tone?: "neutral" | "warn" | "alert";
  testId?: string;
}) {
  const accent =
    value > 0 && tone === "alert"
      ? "text-red-700 dark:text-red-400"
      : value > 0 && tone === "warn"
        ? "text-amber-700 dark:text-amber-400"
        : "text-slate-900 dark:text-slate-50";
  return (
    <Link
      href={href}
      data-testid={testId}
      className="group block rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm hover:border-sky-400 hover:shadow dark:border-slate-800 dark:bg-slate-900 dark:hover:border-sky-500"
    >
      <span className="block text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">
        {label}
      </span>
      <span
        className={`mt-1 block font-mono text-2xl font-semibold tabular-nums ${accent}`}
        data-testid={testId && `${testId}-value`}
      >
        {value.toLocaleString("en-US")}
      </span>
      <span className="mt-1 block text-xs text-slate-500 group-hover:text-sky-700 dark:text-slate-400 dark:group-hover:text-sky-400">
        {hint} →
      </span>
    </Link>
  );
}
