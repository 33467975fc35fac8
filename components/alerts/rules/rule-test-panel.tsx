"use client";

import Link from "next/link";
import { useState } from "react";
import { buttonClass, linkClass, muted } from "@/components/ui/styles";
import type { RuleTestReport, TestRange } from "@/lib/alerts/rules/rule-test-report";
import { callRulesApi, formatUtc } from "./api";

// "Test this rule": replays the last 24 hours or 7 days through the rule as it stands in the
// form (saved or not) and lists each time it would have fired, with links to the evidence
// events and their traces. `validRule` returns null (and shows the field errors) when the
// form does not hold a valid rule yet.

const RANGE_LABELS: Record<TestRange, string> = { "24h": "last 24 hours", "7d": "last 7 days" };

export function RuleTestPanel({ validRule }: { validRule: () => unknown | null }) {
  const [busy, setBusy] = useState<TestRange | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<RuleTestReport | null>(null);

  async function run(range: TestRange) {
    const rule = validRule();
    setReport(null);
    if (!rule) {
      setError("Fix the fields marked above, then test again.");
      return;
    }
    setBusy(range);
    setError(null);
    try {
      setReport(await callRulesApi<RuleTestReport>("POST", "/api/v1/alert-rules/test", { rule, range }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="rule-test-heading" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="rule-test-heading" className="mr-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
          Test this rule
        </h2>
        {(Object.keys(RANGE_LABELS) as TestRange[]).map((range) => (
          <button key={range} type="button" className={buttonClass} disabled={busy !== null} onClick={() => run(range)}>
            {busy === range ? "Testing…" : `Test on the ${RANGE_LABELS[range]}`}
          </button>
        ))}
      </div>
      <div aria-live="polite" className="space-y-3">
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        {report && <TestResult report={report} />}
      </div>
    </section>
  );
}

function TestResult({ report }: { report: RuleTestReport }) {
  if (report.unsupported)
    return <p className={`text-sm ${muted}`}>Rules of this kind cannot be tested yet: they are not evaluated yet.</p>;
  const times = report.count === 1 ? "1 time" : `${report.count} times`;
  return (
    <div className="space-y-3" data-testid="rule-test-result">
      <p className="text-sm">
        <strong className="font-semibold">Would have fired {times}</strong> in the {RANGE_LABELS[report.range]} (
        {formatUtc(report.from)} to {formatUtc(report.to)}; {report.eventsScanned.toLocaleString("en-US")} events
        replayed{report.capped ? ", the newest beyond the replay limit were not" : ""}).
        {report.count > report.firings.length && ` The ${report.firings.length} newest are listed.`}
      </p>
      {report.firings.length > 0 && (
        <ol aria-label="Times it would have fired" className="space-y-2">
          {report.firings.map((firing) => (
            <li
              key={`${firing.groupKey}|${firing.windowStart}`}
              className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-800 dark:bg-amber-950/30"
            >
              <p className="font-medium">{firing.summary}</p>
              <p className={`text-xs ${muted}`}>
                {firing.groupKey && <span className="font-mono">{firing.groupKey}</span>} · window{" "}
                {formatUtc(firing.windowStart)} to {formatUtc(firing.windowEnd)} · {firing.evidenceCount} evidence
                events
              </p>
              <ul aria-label="Evidence events" className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs">
                {firing.evidence.map((event) => (
                  <li key={event.id} className="font-mono">
                    <Link href={`/events/${encodeURIComponent(event.id)}`} className={linkClass}>
                      {event.type || "event"} {event.time ? event.time.slice(11, 19) : event.id}
                    </Link>
                    {event.correlationId && (
                      <>
                        {" "}
                        (
                        <Link
                          href={`/traces/${encodeURIComponent(event.correlationId)}`}
                          aria-label={`Trace ${event.correlationId}`}
                          className={linkClass}
                        >
                          trace
                        </Link>
                        )
                      </>
                    )}
                  </li>
                ))}
                {firing.evidenceCount > firing.evidence.length && (
                  <li className={muted}>and {firing.evidenceCount - firing.evidence.length} more</li>
                )}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
