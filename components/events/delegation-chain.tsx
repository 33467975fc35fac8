import { delegationEscalations, type Escalation } from "@/lib/flags/escalation";
import type { DelegationHop } from "@/lib/queries/event-by-id";
import { agentHref } from "./format";

// The chain of authority behind an event, drawn left to right from the originating human to
// the actor, with the scopes each hop held. A hop holding a scope its delegator did not hold
// is an escalation (the rule in lib/flags/escalation, shared with the flags and alerts) and
// is called out in words, not only colour.

const kindTone: Record<string, string> = {
  user: "bg-violet-100 text-violet-800 dark:bg-violet-500/15 dark:text-violet-300",
  agent: "bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-300",
  service: "bg-slate-200 text-slate-800 dark:bg-slate-700/60 dark:text-slate-200",
};

export function DelegationChain({ hops, label = "Delegation chain" }: { hops: DelegationHop[]; label?: string }) {
  // Stored hops were validated against the contract on ingest, so their types are the contract's.
  const escalations = new Map<number, Escalation>(
    delegationEscalations(hops).map((escalation) => [escalation.hopIndex, escalation]),
  );
  if (hops.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">No delegation: the actor acted on its own.</p>;
  }
  return (
    <ol aria-label={label} className="flex flex-wrap items-stretch gap-y-2">
      {hops.map((hop, index) => {
        const escalation = escalations.get(index);
        const escalated = escalation?.scopes ?? [];
        const delegator = escalation ? hops[escalation.delegatorIndex] : undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same principal may appear twice in a chain; position is identity
          <li key={`${hop.type}:${hop.id}:${index}`} className="flex items-center">
            {index > 0 && (
              <span aria-hidden="true" className="px-1.5 text-slate-400 dark:text-slate-500">
                →
              </span>
            )}
            <div
              className={`rounded-md border px-2.5 py-1.5 ${
                escalated.length
                  ? "border-red-400 dark:border-red-500/70"
                  : "border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-900"
              }`}
            >
              <div className="flex items-center gap-1.5">
                <span className={`rounded px-1 text-[0.6875rem] font-medium ${kindTone[hop.type] ?? kindTone.service}`}>
                  {hop.type}
                </span>
                {hop.type === "user" ? (
                  <span className="font-mono text-xs text-slate-900 dark:text-slate-100">{hop.id}</span>
                ) : (
                  <a
                    href={agentHref(hop.id)}
                    className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400"
                  >
                    {hop.id}
                  </a>
                )}
              </div>
              {hop.name && <div className="text-xs text-slate-600 dark:text-slate-400">{hop.name}</div>}
              <div className="mt-1 flex flex-wrap gap-1">
                {(hop.scopes ?? []).map((scope) => (
                  <code
                    key={scope}
                    className={`rounded px-1 text-[0.6875rem] ${
                      escalated.includes(scope)
                        ? "bg-red-100 text-red-800 dark:bg-red-500/15 dark:text-red-300"
                        : "bg-white text-slate-700 ring-1 ring-slate-200 dark:bg-slate-950 dark:text-slate-300 dark:ring-slate-700"
                    }`}
                  >
                    {scope}
                    {escalated.includes(scope) && <span className="sr-only"> (escalated)</span>}
                  </code>
                ))}
                {!hop.scopes && (
                  <span className="text-[0.6875rem] text-slate-500 dark:text-slate-400">no scopes stated</span>
                )}
              </div>
              {escalation && (
                <p role="note" className="mt-1 max-w-72 text-[0.6875rem] font-semibold text-red-700 dark:text-red-400">
                  <span aria-hidden="true">⚠ </span>
                  Escalation: holds {escalated.join(", ")}, which {delegator?.id ?? "its delegator"} did not hold
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
