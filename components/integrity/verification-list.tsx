import { DataTable, td } from "@/components/ui/table";
import type { VerificationRun } from "@/lib/integrity/verifications";
import { formatTime } from "./format";
import { VerdictBadge } from "./verdict-badge";

// The tenant's recent verification runs; each run's findings open in place (a native
// <details>, so keyboard and screen readers work without script).
export function VerificationList({ runs }: { runs: VerificationRun[] }) {
  return (
    <DataTable caption="Verification runs" columns={["Started", "Result", "Range", "By", "Summary"]}>
      {runs.map((run) => (
        <tr key={run.id} data-testid="verification-row">
          <td className={`${td} whitespace-nowrap`}>{formatTime(run.startedAt)}</td>
          <td className={td}>
            <VerdictBadge run={run} />
          </td>
          <td className={`${td} whitespace-nowrap font-mono text-xs`}>
            {run.fromSeq && run.toSeq ? `seq ${run.fromSeq}–${run.toSeq}` : "all"}
          </td>
          <td className={`${td} text-xs`}>{run.requestedBy}</td>
          <td className={`${td} text-xs`}>
            {run.summary ?? "…"}
            {run.findings.length > 0 && (
              <details className="mt-1">
                <summary className="cursor-pointer text-sky-700 dark:text-sky-400">
                  {run.findings.length} finding{run.findings.length === 1 ? "" : "s"}
                </summary>
                <ul className="mt-1 space-y-1" data-testid="findings">
                  {run.findings.map((finding) => (
                    <li key={`${finding.kind}-${finding.seq}-${finding.detail}`}>
                      <span className="font-semibold uppercase">{finding.kind}</span>{" "}
                      <span className="font-mono">seq {finding.seq}</span>
                      {finding.eventId && (
                        <>
                          {" "}
                          <a
                            href={`/events/${encodeURIComponent(finding.eventId)}`}
                            className="font-mono text-sky-700 hover:underline dark:text-sky-400"
                          >
                            {finding.eventId}
                          </a>
                        </>
                      )}
                      : {finding.detail}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
