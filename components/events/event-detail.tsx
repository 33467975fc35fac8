import Link from "next/link";
import type { ReactNode } from "react";
import { FlagList } from "@/components/flags/flag-list";
import { linkClass } from "@/components/ui/styles";
import { explorerHref } from "@/lib/filters/event-filters";
import type { DelegationHop, EventDetail } from "@/lib/queries/event-by-id";
import { DelegationChain } from "./delegation-chain";
import { agentHref, formatEventTime } from "./format";
import { OutcomeBadge } from "./outcome-badge";
import { SuspendedMarker } from "./suspended-marker";

// Everything stored about one event: the typed columns, the chain of authority, links onward
// (agent, the human's other events, the correlated request) and the raw JSON as stored.

type Data = EventDetail["data"] & {
  actor?: { name?: string };
  onBehalfOf?: DelegationHop;
  resource?: string;
  scopes?: string[];
  policy?: { id: string; version?: string; decision: string; reason?: string };
};

const none = <span className="text-slate-400 dark:text-slate-500">—</span>;
const mono = "font-mono text-xs break-all";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-2 py-1">
      <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 text-sm text-slate-900 dark:text-slate-100">{children ?? none}</dd>
    </div>
  );
}

/** The chain as stored, or the implied two-hop chain when only onBehalfOf was sent. */
function chainOf(event: EventDetail): DelegationHop[] {
  const data = event.data as Data;
  if (data.delegation?.length) return data.delegation;
  if (data.onBehalfOf) return [data.onBehalfOf, { type: event.actorType, id: event.actorId }];
  return [];
}

export function EventDetailView({ event, headingLevel = 2 }: { event: EventDetail; headingLevel?: 1 | 2 }) {
  const data = event.data as Data;
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const agentId = event.agentId;
  // The human whose consent governs this event: the one acted for, or the one who decided.
  const consentSubject = event.onBehalfOfId ?? (event.actorType === "user" ? event.actorId : null);
  return (
    <div className="space-y-5">
      <header>
        <Heading className="break-all font-mono text-base font-semibold text-slate-900 dark:text-slate-50">
          {event.type}
        </Heading>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
          <OutcomeBadge outcome={event.outcome} />
          <time dateTime={event.time}>{formatEventTime(event.time)} UTC</time>
        </p>
        <nav aria-label="Related" className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {agentId && (
            <Link className={linkClass} href={agentHref(agentId)}>
              Agent {agentId}
            </Link>
          )}
          {event.onBehalfOfId && (
            <Link className={linkClass} href={explorerHref({ onBehalfOf: event.onBehalfOfId })}>
              Events for {event.onBehalfOfId}
            </Link>
          )}
          {(event.correlationId ?? event.traceId) && (
            <Link
              className={linkClass}
              href={`/traces/${encodeURIComponent(event.correlationId ?? event.traceId ?? "")}`}
            >
              Open trace
            </Link>
          )}
          {event.correlationId && (
            <Link className={linkClass} href={explorerHref({ correlationId: event.correlationId })}>
              Events of this request
            </Link>
          )}
          {event.sessionKey && (
            <Link className={linkClass} href={`/sessions/${encodeURIComponent(event.sessionKey)}`}>
              Session
            </Link>
          )}
          {consentSubject && (
            <Link className={linkClass} href={`/consents?user=${encodeURIComponent(consentSubject)}`}>
              Consent history
            </Link>
          )}
        </nav>
      </header>

      {event.flags.length > 0 && (
        <section aria-labelledby="findings-heading">
          <h3 id="findings-heading" className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
            Findings
          </h3>
          <FlagList flags={event.flags} />
        </section>
      )}

      <section aria-labelledby="chain-heading">
        <h3 id="chain-heading" className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
          Delegation chain
        </h3>
        <DelegationChain hops={chainOf(event)} />
      </section>

      <section aria-labelledby="fields-heading">
        <h3 id="fields-heading" className="mb-1 text-sm font-semibold text-slate-900 dark:text-slate-100">
          Fields
        </h3>
        <dl className="divide-y divide-slate-100 dark:divide-slate-800">
          <Field label="Event ID">
            <span className={mono}>{event.eventId}</span>
          </Field>
          <Field label="Actor">
            <span className="text-xs text-slate-500 dark:text-slate-400">{event.actorType}</span>{" "}
            <span className={mono}>{event.actorId}</span>
            {data.actor?.name && <span className="text-slate-600 dark:text-slate-400"> ({data.actor.name})</span>}
            {event.actorSuspended && <SuspendedMarker />}
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
            {data.policy && (
              <span className={mono}>
                {data.policy.id}
                {data.policy.version ? ` v${data.policy.version}` : ""}: {data.policy.decision}
                {data.policy.reason ? ` (${data.policy.reason})` : ""}
              </span>
            )}
          </Field>
          <Field label="Reason">{data.reason}</Field>
          <Field label="Correlation ID">
            {event.correlationId && <span className={mono}>{event.correlationId}</span>}
          </Field>
          <Field label="Trace">
            {event.traceId && (
              <span className={mono}>
                {event.traceId} / {event.spanId}
                {event.parentSpanId ? ` ← ${event.parentSpanId}` : ""}
              </span>
            )}
          </Field>
          <Field label="Received">
            <span className={mono}>{formatEventTime(event.receivedAt)} UTC</span>
          </Field>
          <Field label="Sequence">
            <span className={mono}>{event.seq}</span>
          </Field>
        </dl>
      </section>

      <section aria-labelledby="raw-heading">
        <h3 id="raw-heading" className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
          Raw event (as stored)
        </h3>
        <section
          aria-label="Raw event JSON"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-scrollable
          tabIndex={0}
          className="max-h-96 overflow-auto rounded-md bg-slate-100 p-3 dark:bg-slate-950"
        >
          <pre className="font-mono text-xs text-slate-800 dark:text-slate-200">
            {JSON.stringify(event.data, null, 2)}
          </pre>
        </section>
      </section>
    </div>
  );
}
