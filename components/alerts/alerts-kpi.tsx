import Link from "next/link";
import { openAlertCounts } from "@/lib/alerts/inbox";
import { SEVERITIES } from "@/lib/alerts/rules/schema";
import { inboxHref } from "./alert-filters";
import { SeverityBadge } from "./badges";

// The overview's open alerts, by severity, each linking to the inbox filtered to it. A server
// component: `<AlertsKpi tenantId={auth.tenant.id} />`.
export async function AlertsKpi({ tenantId }: { tenantId: string }) {
  const { total, bySeverity } = await openAlertCounts(tenantId);
  const severities = [...SEVERITIES].reverse();
  return (
    <section
      aria-labelledby="open-alerts-heading"
      data-testid="kpi-alerts"
      className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2
        id="open-alerts-heading"
        className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400"
      >
        <Link href={inboxHref({ status: "open" })} className="hover:text-sky-700 dark:hover:text-sky-400">
          Open alerts
        </Link>
      </h2>
      <p
        className={`mt-1 font-mono text-2xl font-semibold tabular-nums ${
          total > 0 ? "text-red-700 dark:text-red-400" : "text-slate-900 dark:text-slate-50"
        }`}
        data-testid="kpi-alerts-value"
      >
        {total.toLocaleString("en-US")}
      </p>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs">
        {severities.map((severity) => (
          <li key={severity}>
            <Link
              href={inboxHref({ status: "open", severity })}
              className="inline-flex items-center gap-1 text-slate-700 hover:underline dark:text-slate-300"
            >
              {/* The visible words are the accessible name: "critical 3 open". */}
              <SeverityBadge severity={severity} />
              <span className="tabular-nums">{bySeverity[severity]}</span>
              <span className="sr-only"> open</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
