import Link from "next/link";
import { formatUtc } from "@/components/policies/format";
import { linkClass } from "@/components/ui/styles";
import { FLAG_LABELS } from "@/lib/flags/types";
import type { UnapprovedAction } from "@/lib/queries/approvals";
import { formatAmount } from "./approvals-table";
import { eventHref, requestEventsHref, traceHref } from "./links";

// Actions that ran without the approval they needed: high-value ones with no approval at all,
// and ones whose policy required an approval that was never requested.

const th = "px-3 py-2 text-left text-xs font-medium text-slate-600 dark:text-slate-400";
const td = "px-3 py-2 align-top";
const muted = "text-xs text-slate-600 dark:text-slate-400";

export function UnapprovedTable({ actions }: { actions: UnapprovedAction[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-red-200 bg-white shadow-sm dark:border-red-900 dark:bg-slate-900">
      <table className="w-full text-sm">
        <caption className="sr-only">Actions that ran without approval</caption>
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            {["Time (UTC)", "Finding", "Actor", "Action", "Amount", "Links"].map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {actions.map((a) => (
            <tr key={`${a.eventId}-${a.flag.kind}`} data-testid="unapproved-row">
              <td className={`${td} whitespace-nowrap`}>
                <Link href={eventHref(a.eventId)} className={`${linkClass} font-mono text-xs`}>
                  {formatUtc(a.time)}
                  <span className="sr-only"> {a.type}</span>
                </Link>
              </td>
              <td className={`${td} max-w-md`}>
                <span className="font-medium text-red-800 dark:text-red-300">
                  <span aria-hidden="true">⚠ </span>
                  {FLAG_LABELS[a.flag.kind]}
                </span>
                <span className={`block ${muted}`}>{a.flag.detail}</span>
              </td>
              <td className={td}>
                {a.actorName ?? a.actorId}
                {a.onBehalfOfId && <span className={`block ${muted}`}>for {a.onBehalfOfId}</span>}
              </td>
              <td className={td}>
                <span className="font-mono text-xs">{a.target ?? a.type}</span>
                <span className={`block ${muted}`}>{a.type}</span>
              </td>
              <td className={`${td} font-mono text-xs tabular-nums`}>
                {a.amount === null ? "—" : formatAmount(a.amount)}
              </td>
              <td className={`${td} whitespace-nowrap text-xs`}>
                {a.correlationId ? (
                  <>
                    <Link href={traceHref(a.correlationId)} className={`${linkClass} block`}>
                      Trace<span className="sr-only"> of request {a.correlationId}</span>
                    </Link>
                    <Link href={requestEventsHref(a.correlationId, a.time)} className={`${linkClass} block`}>
                      Events<span className="sr-only"> of request {a.correlationId}</span>
                    </Link>
                  </>
                ) : (
                  <span className={muted}>no request id</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
