import Link from "next/link";
import { Card } from "@/components/ui/card";
import { buttonClass, inputClass, labelClass, linkClass } from "@/components/ui/styles";
import { type TimeRange, timeRangeParams } from "@/lib/filters/time-range";
import type { SubjectKind } from "@/lib/queries/consent-history";
import type { ConsentSubjects, SubjectSummary } from "@/lib/queries/consent-subjects";
import { consentsHref, formatDay } from "./format";

// Who has consent activity in the range: people, agents and OAuth clients, each a link to its
// history. Revocations are what an investigator looks for, so they come first and stand out.

const th = "py-1 pr-3 font-medium";
const TITLES: Record<SubjectKind, string> = { user: "Users", agent: "Agents", client: "OAuth clients" };

export function SubjectSearch({ q, range }: { q?: string; range: TimeRange }) {
  return (
    <form method="get" action="/consents" aria-label="Search consent subjects" className="flex items-end gap-2">
      {Object.entries(timeRangeParams(range)).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className={`${labelClass} w-72`}>
        User, agent or client
        <input type="search" name="q" defaultValue={q} placeholder="id or name" className={`${inputClass} mt-0.5`} />
      </label>
      <button type="submit" className={buttonClass}>
        Search
      </button>
    </form>
  );
}

function SubjectTable({ kind, rows, range }: { kind: SubjectKind; rows: SubjectSummary[]; range: TimeRange }) {
  return (
    <Card title={`${TITLES[kind]} (${rows.length})`}>
      {rows.length === 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">None with consent activity in this range.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              {TITLES[kind]} with consent activity, those with revocations first, then by latest activity
            </caption>
            <thead>
              <tr className="text-xs text-slate-600 dark:text-slate-400">
                <th scope="col" className={th}>
                  {kind === "user" ? "User" : kind === "agent" ? "Agent" : "Client"}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Events
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Grants
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Denials
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Revocations
                </th>
                <th scope="col" className="py-1 font-medium">
                  Latest (UTC)
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="max-w-64 py-1.5 pr-3">
                    <Link href={consentsHref({ kind, id: row.id }, range)} className={`${linkClass} block truncate`}>
                      {row.name ?? row.id}
                    </Link>
                    {row.name && (
                      <span className="block truncate font-mono text-xs text-slate-600 dark:text-slate-400">
                        {row.id}
                      </span>
                    )}
                  </td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{row.events}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{row.grants}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{row.denials}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">
                    {row.revocations > 0 ? (
                      <span className="whitespace-nowrap rounded bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-red-600/20 ring-inset dark:bg-red-500/10 dark:text-red-300">
                        {row.revocations} revoked
                      </span>
                    ) : (
                      0
                    )}
                  </td>
                  <td className="whitespace-nowrap py-1.5 text-xs">{formatDay(row.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function SubjectList({ subjects, range }: { subjects: ConsentSubjects; range: TimeRange }) {
  return (
    <div className="space-y-4">
      <SubjectTable kind="user" rows={subjects.users} range={range} />
      <SubjectTable kind="agent" rows={subjects.agents} range={range} />
      <SubjectTable kind="client" rows={subjects.clients} range={range} />
    </div>
  );
}
