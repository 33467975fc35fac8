import Link from "next/link";
import { eventHref, traceHref } from "@/components/approvals/links";
import { formatUtc } from "@/components/policies/format";
import { linkClass } from "@/components/ui/styles";
import { DataTable, td, thPlain } from "@/components/ui/table";
import type { AlertListItem } from "@/lib/alerts/inbox";
import { inboxHref } from "./alert-filters";
import { AlertStatusBadge, SeverityBadge } from "./badges";

const muted = "text-xs text-slate-600 dark:text-slate-400";

export const alertHref = (alertId: string) => `/alerts/${encodeURIComponent(alertId)}`;
export { eventHref, traceHref };
export const inboxHrefForRule = (ruleId: string) => inboxHref({ status: "all", rule: ruleId });

/** "agent:sales-researcher" reads as "agent sales-researcher"; ungrouped rules have no group. */
export function groupText(groupKey: string): string {
  if (!groupKey) return "—";
  const at = groupKey.indexOf(":");
  return at < 0 ? groupKey : `${groupKey.slice(0, at)} ${groupKey.slice(at + 1)}`;
}

export function AlertsTable({ alerts, caption }: { alerts: AlertListItem[]; caption: string }) {
  return (
    <DataTable
      caption={caption}
      columns={["Severity", "Alert", "Rule", "Group", "Status", "Assignee", "Fired (UTC)"]}
      headerCell={thPlain}
    >
      {alerts.map((a) => (
        <tr key={a.id} data-testid="alert-row">
          <td className={td}>
            <SeverityBadge severity={a.severity} />
          </td>
          <td className={`${td} max-w-md`}>
            <Link href={alertHref(a.id)} className={linkClass}>
              {a.summary}
            </Link>
          </td>
          <td className={td}>
            <Link
              href={inboxHrefForRule(a.ruleId)}
              className={linkClass}
              aria-label={`All alerts of rule ${a.ruleName}`}
            >
              {a.ruleName}
            </Link>
            <span className={`block font-mono ${muted}`}>{a.ruleId}</span>
          </td>
          <td className={`${td} font-mono text-xs break-words`}>{groupText(a.groupKey)}</td>
          <td className={td}>
            <AlertStatusBadge status={a.status} />
          </td>
          <td className={`${td} text-xs`}>{a.assignee ?? <span className={muted}>unassigned</span>}</td>
          <td className={`${td} whitespace-nowrap font-mono text-xs`}>{formatUtc(a.firedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
