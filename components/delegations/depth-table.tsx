import { Card } from "@/components/ui/card";
import { muted } from "@/components/ui/styles";
import type { DelegationOverview } from "@/lib/queries/delegations";
import { count } from "./links";

// How deep authority travels: paths and events per number of agent hops, with a bar per row
// drawn from the same numbers the row states.

export function DepthTable({ byDepth }: { byDepth: DelegationOverview["byDepth"] }) {
  const most = Math.max(1, ...byDepth.map((d) => d.events));
  return (
    <Card title="Chains by depth">
      <p className={`mb-2 text-xs ${muted}`}>Agent hops between the originating human and the acting agent.</p>
      <table className="w-full text-left text-sm tabular-nums">
        <caption className="sr-only">Chain paths and events by number of agent hops</caption>
        <thead>
          <tr className={`text-xs ${muted}`}>
            <th scope="col" className="py-1 pr-2 font-medium">
              Agent hops
            </th>
            <th scope="col" className="py-1 pr-2 text-right font-medium">
              Paths
            </th>
            <th scope="col" className="py-1 pr-2 text-right font-medium">
              Events
            </th>
            <th scope="col" className="w-1/2 py-1 font-medium">
              <span className="sr-only">Share of events</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {byDepth.map((row) => (
            <tr key={row.depth} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-1 pr-2 font-normal">
                {row.depth}
              </th>
              <td className="py-1 pr-2 text-right font-mono">{count(row.paths)}</td>
              <td className="py-1 pr-2 text-right font-mono">{count(row.events)}</td>
              <td className="py-1" aria-hidden="true">
                <div className="h-2.5 rounded-sm bg-sky-500" style={{ width: `${(row.events / most) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
