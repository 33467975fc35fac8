import Link from "next/link";
import { FlagList } from "@/components/flags/flag-list";
import { formatDuration, formatUtc } from "@/components/policies/format";
import { linkClass } from "@/components/ui/styles";
import { DataTable, td, thPlain } from "@/components/ui/table";
import { agentHref } from "@/lib/queries/agent-id";
import type { ApprovalRow } from "@/lib/queries/approvals";
import { eventHref, requestEventsHref, traceHref } from "./links";
import { ApprovalStatusBadge } from "./status-badge";

// One row per approval request: who asked for whom, for what, how it ended, who decided and
// how long it took, and whether the action ran before it was granted (a finding).

const muted = "text-xs text-slate-600 dark:text-slate-400";
const none = <span className="text-slate-500 dark:text-slate-400">—</span>;

export const formatAmount = (amount: number) => amount.toLocaleString("en-US", { maximumFractionDigits: 2 });

export function ApprovalsTable({ approvals, caption }: { approvals: ApprovalRow[]; caption: string }) {
  return (
    <DataTable
      caption={caption}
      columns={["Requested (UTC)", "Requester", "Action", "Status", "Approver", "Wait", "Findings"]}
      headerCell={thPlain}
    >
      {approvals.map((a) => (
        <tr key={`${a.correlationId}-${a.approvalId}`} data-testid="approval-row">
          <td className={`${td} whitespace-nowrap`}>
            <Link href={eventHref(a.requestedEventId)} className={`${linkClass} font-mono text-xs`}>
              {formatUtc(a.requestedAt)}
              <span className="sr-only"> approval request {a.approvalId}</span>
            </Link>
            <span className={`block font-mono ${muted}`}>{a.approvalId}</span>
            <span className="mt-0.5 flex gap-2 text-xs">
              <Link href={traceHref(a.correlationId)} className={linkClass}>
                Trace<span className="sr-only"> of request {a.correlationId}</span>
              </Link>
              <Link href={requestEventsHref(a.correlationId, a.requestedAt)} className={linkClass}>
                Events<span className="sr-only"> of request {a.correlationId}</span>
              </Link>
            </span>
          </td>
          <td className={td}>
            {a.agentId ? (
              <Link href={agentHref(a.agentId)} className={linkClass}>
                {a.requesterName ?? a.agentId}
              </Link>
            ) : (
              <span>{a.requesterName ?? a.requesterId}</span>
            )}
            {a.onBehalfOfId && <span className={`block ${muted}`}>for {a.onBehalfOfName ?? a.onBehalfOfId}</span>}
          </td>
          <td className={td}>
            {a.action ? <span className="font-mono text-xs">{a.action}</span> : none}
            {a.amount !== undefined && <span className={`block ${muted}`}>amount {formatAmount(a.amount)}</span>}
          </td>
          <td className={td}>
            <ApprovalStatusBadge status={a.status} />
            {a.decisionReason && <span className={`block max-w-48 ${muted}`}>{a.decisionReason}</span>}
          </td>
          <td className={td}>
            {a.approver ? (
              <>
                <span>{a.approver.name ?? a.approver.id}</span>
                {a.approver.name && (
                  <span className={`block max-w-48 truncate font-mono ${muted}`} title={a.approver.id}>
                    {a.approver.id}
                  </span>
                )}
              </>
            ) : (
              none
            )}
          </td>
          <td className={`${td} whitespace-nowrap font-mono text-xs tabular-nums`}>
            {a.waitMs !== undefined ? formatDuration(a.waitMs) : a.status === "pending" ? "waiting" : none}
          </td>
          <td className={`${td} min-w-48 max-w-64`}>
            {a.flags.length ? (
              <>
                <FlagList flags={a.flags} />
                <Link
                  href={eventHref(a.downstreamBeforeApproval[0] ?? a.requestedEventId)}
                  className={`${linkClass} text-xs`}
                >
                  Open the early action
                </Link>
              </>
            ) : (
              none
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
