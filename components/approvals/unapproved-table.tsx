import Link from "next/link";
import { formatUtc } from "@/components/policies/format";
import { linkClass } from "@/components/ui/styles";
import { DataTable, td, thPlain } from "@/components/ui/table";
import { FLAG_LABELS } from "@/lib/flags/types";
import type { UnapprovedAction } from "@/lib/queries/approvals";
import { formatAmount } from "./approvals-table";
import { eventHref, requestEventsHref, traceHref } from "./links";

// Actions that ran without the approval they needed: high-value ones with no approval at all,
// and ones whose policy required an approval that was never requested.

const muted = "text-xs text-slate-600 dark:text-slate-400";

export function UnapprovedTable({ actions }: { actions: UnapprovedAction[] }) {
  return (
    <DataTable
      caption="Actions that ran without approval"
      columns={["Time (UTC)", "Finding", "Actor", "Action", "Amount", "Links"]}
      headerCell={thPlain}
      danger
    >
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
          <td className={`${td} font-mono text-xs tabular-nums`}>{a.amount === null ? "—" : formatAmount(a.amount)}</td>
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
    </DataTable>
  );
}
