import Link from "next/link";
import { DelegationChain } from "@/components/events/delegation-chain";
import { linkClass, muted } from "@/components/ui/styles";
import { DataTable, td } from "@/components/ui/table";
import type { TimeRange } from "@/lib/filters/time-range";
import type { ChainPath } from "@/lib/queries/delegations";
import { EscalationBadge } from "./escalation-badge";
import { chainExplorerHref, chainText, count, eventHref, formatTime, traceHref } from "./links";

// Every distinct chain path in the range. Each path opens (a native disclosure, so keyboard and
// screen readers get it for free) to its hops with the scopes each held; a path that escalated
// opens by default and shows the escalating variant.

export function ChainPathsTable({ paths, range, limit }: { paths: ChainPath[]; range: TimeRange; limit: number }) {
  const shown = paths.slice(0, limit);
  return (
    <DataTable
      caption="Delegation chain paths, busiest first"
      columns={[
        "Chain",
        { label: "Agent hops", numeric: true },
        { label: "Events", numeric: true },
        "Last seen",
        "Escalation",
        "Examples",
      ]}
      footer={
        paths.length > shown.length && (
          <p className={`border-t border-slate-200 px-3 py-2 text-xs dark:border-slate-800 ${muted}`}>
            Showing the {count(shown.length)} busiest of {count(paths.length)} chain paths.
          </p>
        )
      }
    >
      {shown.map((path) => (
        <ChainPathRow key={path.key} path={path} range={range} />
      ))}
    </DataTable>
  );
}

function ChainPathRow({ path, range }: { path: ChainPath; range: TimeRange }) {
  const text = chainText(path.hops);
  return (
    <tr className={path.escalatedEvents ? "bg-red-50/60 dark:bg-red-950/20" : undefined}>
      <th scope="row" className={`${td} min-w-64 text-left font-normal`}>
        <details open={path.escalatedEvents > 0} className="group">
          <summary className="cursor-pointer font-medium text-slate-900 dark:text-slate-100">
            {text}
            <span className="sr-only">: hops and scopes</span>
          </summary>
          <div className="mt-2">
            <DelegationChain hops={path.hops} label={`Hops of ${text}`} />
            {path.variants > 1 && (
              <p className={`mt-1 text-xs ${muted}`}>
                {count(path.variants)} scope variants on this path; shown:{" "}
                {path.escalations.length ? "one that escalated" : "the latest"}.
              </p>
            )}
          </div>
        </details>
      </th>
      <td className={`${td} text-right font-mono tabular-nums`}>{path.depth}</td>
      <td className={`${td} text-right font-mono tabular-nums`}>{count(path.events)}</td>
      <td className={`${td} whitespace-nowrap ${muted}`}>{formatTime(path.lastSeen)}</td>
      <td className={td}>
        <EscalationBadge events={path.escalatedEvents} />
      </td>
      <td className={td}>
        <ul className="space-y-0.5 whitespace-nowrap text-xs">
          {path.exampleCorrelationIds.map((id) => (
            <li key={id}>
              <Link href={traceHref(id)} className={linkClass}>
                Trace <span className="font-mono">{id.length > 16 ? `${id.slice(0, 14)}…` : id}</span>
                <span className="sr-only"> of {text}</span>
              </Link>
            </li>
          ))}
          <li>
            <Link href={eventHref(path.exampleEventId)} className={linkClass}>
              Latest event<span className="sr-only"> of {text}</span>
            </Link>
          </li>
          <li>
            <Link
              href={chainExplorerHref(range, path.hops)}
              className={linkClass}
              title="The last hop's events on behalf of the chain's human"
            >
              In explorer<span className="sr-only">: {text}</span>
            </Link>
          </li>
        </ul>
      </td>
    </tr>
  );
}
