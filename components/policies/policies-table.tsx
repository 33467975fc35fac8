import Link from "next/link";
import { linkClass } from "@/components/ui/styles";
import { tableFrame, td, thPlain as th } from "@/components/ui/table";
import type { TimeRange } from "@/lib/filters/time-range";
import { DECISIONS, type Decision, type PolicyStats, type PolicyVersionStats } from "@/lib/queries/policy-decisions";
import { DECISION_STYLE, DecisionBar, percent } from "./decision-bar";
import { formatUtc } from "./format";
import { decisionHref } from "./links";

// Policies with their versions underneath, newest first, so a person reads a rollout (v6 → v7)
// as one group: each version's counts, its share of each decision against the version before
// it, and its most frequent reasons.

const when = (date: Date) => formatUtc(date, "min");
const versionName = (version: string | null) => (version === null ? "no version" : `v${version}`);

function Count({
  range,
  policyId,
  decision,
  value,
}: {
  range: TimeRange;
  policyId: string;
  decision: Decision;
  value: number;
}) {
  if (value === 0) return <span className="text-slate-500 dark:text-slate-400">0</span>;
  return (
    <Link href={decisionHref(range, policyId, decision)} className={`${linkClass} font-mono tabular-nums`}>
      {value.toLocaleString("en-US")}
      <span className="sr-only">
        {" "}
        {DECISION_STYLE[decision].label.toLowerCase()} decisions of {policyId}, open in explorer
      </span>
    </Link>
  );
}

/** Percentage-point change of each decision's share against the previous version. */
function Change({ current, previous }: { current: PolicyVersionStats; previous?: PolicyVersionStats }) {
  if (!previous) return null;
  const changes = DECISIONS.map((d) => {
    const before = previous.total ? (previous.counts[d] / previous.total) * 100 : 0;
    const after = current.total ? (current.counts[d] / current.total) * 100 : 0;
    return { d, before, after };
  }).filter(({ before, after }) => Math.abs(after - before) >= 1);
  if (changes.length === 0)
    return <p className="text-xs text-slate-600 dark:text-slate-400">Same mix as {versionName(previous.version)}.</p>;
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400">
      Since {versionName(previous.version)}:{" "}
      {changes
        .map(
          ({ d, before, after }) =>
            `${DECISION_STYLE[d].label.toLowerCase()} ${Math.round(before)}% → ${Math.round(after)}%`,
        )
        .join(", ")}
    </p>
  );
}

function Reasons({ stats }: { stats: PolicyVersionStats }) {
  const rows = DECISIONS.flatMap((d) => stats.reasons[d].map((r) => ({ d, ...r })));
  if (rows.length === 0) return <span className="text-xs text-slate-500 dark:text-slate-400">No reasons given</span>;
  return (
    <ul className="space-y-0.5 text-xs">
      {rows.map((r) => (
        <li key={`${r.d}-${r.reason}`}>
          <span className={`font-medium ${DECISION_STYLE[r.d].text}`}>{DECISION_STYLE[r.d].label}:</span>{" "}
          <span className="text-slate-800 dark:text-slate-200">{r.reason}</span>{" "}
          <span className="font-mono tabular-nums text-slate-500 dark:text-slate-400">
            ×{r.count.toLocaleString("en-US")}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function PoliciesTable({ policies, range }: { policies: PolicyStats[]; range: TimeRange }) {
  return (
    <div className={tableFrame}>
      <table className="w-full text-sm">
        <caption className="sr-only">Policy decisions by policy and version, newest version first</caption>
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            <th scope="col" className={th}>
              Policy / version
            </th>
            {DECISIONS.map((d) => (
              <th key={d} scope="col" className={`${th} text-right`}>
                {DECISION_STYLE[d].label}
              </th>
            ))}
            <th scope="col" className={th}>
              Mix
            </th>
            <th scope="col" className={th}>
              Top reasons
            </th>
            <th scope="col" className={th}>
              Last evaluated (UTC)
            </th>
          </tr>
        </thead>
        {policies.map((policy) => (
          <tbody key={policy.policyId} className="border-b border-slate-200 last:border-b-0 dark:border-slate-800">
            <tr className="bg-slate-50 dark:bg-slate-800/40">
              <th scope="rowgroup" className={`${td} text-left`}>
                <span className="font-mono text-sm font-semibold text-slate-900 dark:text-slate-100">
                  {policy.policyId}
                </span>
                <span className="ml-2 text-xs font-normal text-slate-600 dark:text-slate-400">
                  {policy.versions.length === 1 ? "1 version" : `${policy.versions.length} versions`},{" "}
                  {policy.total.toLocaleString("en-US")} decisions
                </span>
              </th>
              {DECISIONS.map((d) => (
                <td key={d} className={`${td} text-right font-semibold`}>
                  <Count range={range} policyId={policy.policyId} decision={d} value={policy.counts[d]} />
                </td>
              ))}
              <td className={td}>
                <DecisionBar counts={policy.counts} total={policy.total} />
              </td>
              <td className={td} />
              <td className={`${td} whitespace-nowrap font-mono text-xs`}>{when(policy.lastEvaluated)}</td>
            </tr>
            {policy.versions.map((version, index) => (
              <tr key={version.version ?? ""}>
                <th scope="row" className={`${td} pl-8 text-left font-normal`}>
                  <span className="font-mono text-sm">{versionName(version.version)}</span>
                  {index === 0 && policy.versions.length > 1 && (
                    <span className="ml-2 rounded bg-sky-50 px-1.5 py-0.5 text-xs text-sky-800 ring-1 ring-sky-600/20 ring-inset dark:bg-sky-500/10 dark:text-sky-300">
                      latest
                    </span>
                  )}
                  <Change current={version} previous={policy.versions[index + 1]} />
                </th>
                {DECISIONS.map((d) => (
                  <td key={d} className={`${td} text-right`}>
                    <span className="font-mono tabular-nums">{version.counts[d].toLocaleString("en-US")}</span>
                    <span className="block text-xs text-slate-500 dark:text-slate-400">
                      {percent(version.counts[d], version.total)}
                    </span>
                  </td>
                ))}
                <td className={td}>
                  <DecisionBar counts={version.counts} total={version.total} />
                </td>
                <td className={td}>
                  <Reasons stats={version} />
                </td>
                <td className={`${td} whitespace-nowrap font-mono text-xs`}>{when(version.lastEvaluated)}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
