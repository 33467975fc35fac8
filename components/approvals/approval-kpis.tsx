import Link from "next/link";
import { formatDuration } from "@/components/policies/format";
import type { ApprovalStatus } from "@/lib/flags/approval";
import type { ApprovalKpis } from "@/lib/queries/approvals";

// The range's approval figures. Each count filters the table below to that status; the two
// waits are over approvals a person decided (granted or denied).

const tile =
  "block rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm dark:border-slate-800 dark:bg-slate-900";
const label = "block text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400";
const value = "mt-1 block whitespace-nowrap font-mono font-semibold tabular-nums text-slate-900 dark:text-slate-50";

export function ApprovalKpiTiles({
  kpis,
  statusHref,
}: {
  kpis: ApprovalKpis;
  statusHref: (status: ApprovalStatus | null) => string;
}) {
  const counts: { key: ApprovalStatus | null; text: string; n: number }[] = [
    { key: null, text: "Requested", n: kpis.requested },
    { key: "granted", text: "Granted", n: kpis.granted },
    { key: "denied", text: "Denied", n: kpis.denied },
    { key: "expired", text: "Expired", n: kpis.expired },
    { key: "pending", text: "Pending", n: kpis.pending },
  ];
  return (
    <section aria-label="Approval figures" className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
      {counts.map((c) => (
        <Link
          key={c.text}
          href={statusHref(c.key)}
          data-testid={`kpi-${c.text.toLowerCase()}`}
          className={`${tile} hover:border-sky-400 dark:hover:border-sky-500`}
        >
          <span className={label}>{c.text}</span>
          <span className={`${value} text-2xl`}>{c.n.toLocaleString("en-US")}</span>
          <span className="sr-only">, show {c.key ? `${c.key} approvals` : "all approvals"}</span>
        </Link>
      ))}
      <div className={tile} data-testid="kpi-median-wait">
        <span className={label}>Median wait</span>
        <span className={`${value} text-xl`}>
          {kpis.medianWaitMs === null ? "—" : formatDuration(kpis.medianWaitMs)}
        </span>
      </div>
      <div className={tile} data-testid="kpi-p95-wait">
        <span className={label}>p95 wait</span>
        <span className={`${value} text-xl`}>{kpis.p95WaitMs === null ? "—" : formatDuration(kpis.p95WaitMs)}</span>
      </div>
    </section>
  );
}
