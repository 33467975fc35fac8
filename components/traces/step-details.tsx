import Link from "next/link";
import type { ReactNode } from "react";
import { DelegationChain } from "@/components/events/delegation-chain";
import { formatEventTime } from "@/components/events/format";
import { FlagList } from "@/components/flags/flag-list";
import { linkClass } from "@/components/ui/styles";
import type { Flag } from "@/lib/flags/types";
import type { TraceEvent } from "@/lib/queries/trace";
import { formatOffset } from "@/lib/traces/duration";
import type { System } from "@/lib/traces/systems";

// One step opened: its key fields, findings, delegation chain and the raw event as stored,
// with the way to its own page.

const mono = "font-mono text-xs break-all";

function Field({ label, children }: { label: string; children: ReactNode }) {
  if (children === undefined || children === null || children === "") return null;
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 py-0.5">
      <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 text-sm text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

export function StepDetails({
  event,
  offsetMs,
  system,
  flags,
}: {
  event: TraceEvent;
  offsetMs: number;
  system: System;
  flags: readonly Flag[];
}) {
  const { data } = event;
  const policy = data.policy;
  return (
    <div className="space-y-3">
      {flags.length > 0 && <FlagList flags={flags} />}
      <dl className="grid gap-x-6 lg:grid-cols-2">
        <Field label="Event ID">
          <span className={mono}>{event.eventId}</span>
        </Field>
        <Field label="Time">
          <span className={mono}>
            {formatEventTime(event.time.toISOString())} UTC ({formatOffset(offsetMs)})
          </span>
        </Field>
        <Field label="Reported by">
          {system.label}
          {system.name !== system.label ? ` (${system.name})` : ""}
        </Field>
        <Field label="Outcome">
          {event.outcome}
          {data.reason ? `: ${data.reason}` : ""}
        </Field>
        <Field label="Actor">
          <span className="text-xs text-slate-500 dark:text-slate-400">{event.actorType}</span>{" "}
          <span className={mono}>{event.actorId}</span>
          {data.actor?.name ? ` (${data.actor.name})` : ""}
        </Field>
        <Field label="On behalf of">{event.onBehalfOfId && <span className={mono}>{event.onBehalfOfId}</span>}</Field>
        <Field label="Session">{event.sessionKey && <span className={mono}>{event.sessionKey}</span>}</Field>
        <Field label="Client">{event.clientId && <span className={mono}>{event.clientId}</span>}</Field>
        <Field label="Target">
          {event.targetId && (
            <>
              <span className="text-xs text-slate-500 dark:text-slate-400">{event.targetType}</span>{" "}
              <span className={mono}>{event.targetId}</span>
            </>
          )}
        </Field>
        <Field label="Resource">{data.resource && <span className={mono}>{data.resource}</span>}</Field>
        <Field label="Scopes">
          {data.scopes?.length ? <span className={mono}>{data.scopes.join(" ")}</span> : null}
        </Field>
        <Field label="Policy">
          {policy && (
            <span className={mono}>
              {policy.id}
              {policy.version ? ` v${policy.version}` : ""}: {policy.decision}
              {policy.reason ? ` (${policy.reason})` : ""}
            </span>
          )}
        </Field>
        <Field label="Approval">
          {data.approval && (
            <span className={mono}>
              {data.approval.id}
              {data.approval.approver ? `, approver ${data.approval.approver.name ?? data.approval.approver.id}` : ""}
            </span>
          )}
        </Field>
        <Field label="Token">
          {data.token && (
            <span className={mono}>
              {[
                data.token.id,
                data.token.audience && `aud ${data.token.audience}`,
                data.token.tenant && `tenant ${data.token.tenant}`,
              ]
                .filter(Boolean)
                .join(", ")}
            </span>
          )}
        </Field>
        <Field label="Span">
          {event.spanId && (
            <span className={mono}>
              {event.spanId}
              {event.parentSpanId ? ` ← parent ${event.parentSpanId}` : " (no parent)"}
            </span>
          )}
        </Field>
      </dl>
      {data.delegation && data.delegation.length > 1 && <DelegationChain hops={data.delegation} />}
      <section
        aria-label={`Raw event ${event.eventId}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-scrollable
        tabIndex={0}
        className="max-h-72 overflow-auto rounded-md bg-slate-100 p-3 dark:bg-slate-950"
      >
        <pre className="font-mono text-xs text-slate-800 dark:text-slate-200">{JSON.stringify(data, null, 2)}</pre>
      </section>
      <Link href={`/events/${encodeURIComponent(event.eventId)}`} className={`${linkClass} text-sm`}>
        Open event {event.eventId}
      </Link>
    </div>
  );
}
