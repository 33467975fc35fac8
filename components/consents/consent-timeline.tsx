import Link from "next/link";
import { OutcomeBadge } from "@/components/events/outcome-badge";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { FLAG_LABELS } from "@/lib/flags/types";
import type { ConsentTimelineEntry } from "@/lib/queries/consent-history";
import { ConsentStatus, FlagNote, ScopeList } from "./consent-status";
import { consentsHref, eventHref, formatDay, formatUtc, REGISTRATION_LABELS, traceHref } from "./format";

// Consent decisions and the flagged uses between them, oldest first, so a revocation reads
// before the call that ignored it.

const muted = "text-xs text-slate-600 dark:text-slate-400";

export function EventLinks({ entry }: { entry: ConsentTimelineEntry }) {
  return (
    <span className="inline-flex gap-3 text-xs">
      <Link href={eventHref(entry.eventId)} className={linkClass}>
        Event<span className="sr-only"> {entry.eventId}</span>
      </Link>
      {entry.correlationId && (
        <Link href={traceHref(entry.correlationId)} className={linkClass}>
          Trace<span className="sr-only"> {entry.correlationId}</span>
        </Link>
      )}
    </span>
  );
}

export function PartyLine({ entry, showUser }: { entry: ConsentTimelineEntry; showUser: boolean }) {
  const registration = entry.registration ? (REGISTRATION_LABELS[entry.registration] ?? entry.registration) : null;
  return (
    <span className={`${muted} flex flex-wrap gap-x-3 gap-y-0.5`}>
      {showUser && entry.userId && (
        <span>
          User{" "}
          <Link href={consentsHref({ kind: "user", id: entry.userId })} className={linkClass}>
            {entry.userId}
          </Link>
        </span>
      )}
      {entry.agentId && (
        <span>
          Agent{" "}
          <Link href={consentsHref({ kind: "agent", id: entry.agentId })} className={linkClass}>
            {entry.agentId}
          </Link>
        </span>
      )}
      {entry.clientId && (
        <span>
          Client{" "}
          <Link href={consentsHref({ kind: "client", id: entry.clientId })} className={`${linkClass} font-mono`}>
            {entry.clientName ?? entry.clientId}
          </Link>
          {registration ? ` (${registration})` : ""}
        </span>
      )}
    </span>
  );
}

function ConsentItem({ entry }: { entry: ConsentTimelineEntry }) {
  const status = entry.type.replace("consent.", "");
  return (
    <>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <ConsentStatus status={status} />
        <span className="font-medium text-slate-900 dark:text-slate-100">Consent {status}</span>
        <code className="font-mono text-xs">{entry.consentId}</code>
      </p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        <dt className={muted}>Scopes</dt>
        <dd>
          <ScopeList scopes={entry.scopes} />
        </dd>
        {entry.resource && (
          <>
            <dt className={muted}>Resource</dt>
            <dd className="font-mono break-all">{entry.resource}</dd>
          </>
        )}
        {entry.expiresAt && (
          <>
            <dt className={muted}>Expires</dt>
            <dd>{formatDay(entry.expiresAt)} UTC</dd>
          </>
        )}
      </dl>
    </>
  );
}

function UseItem({ entry }: { entry: ConsentTimelineEntry }) {
  return (
    <>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono text-xs font-medium text-slate-900 dark:text-slate-100">{entry.type}</span>
        {entry.target && <span className="font-mono text-xs">{entry.target}</span>}
        <OutcomeBadge outcome={entry.outcome} />
        <ScopeList scopes={entry.scopes} />
      </p>
      {entry.flags.map((flag) => (
        <FlagNote key={flag.kind} label={FLAG_LABELS[flag.kind]} detail={flag.detail} />
      ))}
    </>
  );
}

export function ConsentTimeline({
  entries,
  capped,
  showUser,
}: {
  entries: ConsentTimelineEntry[];
  capped: boolean;
  showUser: boolean;
}) {
  return (
    <Card title="Timeline (oldest first)">
      {capped && <p className={`${muted} mb-2`}>Only the latest {entries.length} entries are shown.</p>}
      {entries.length === 0 ? (
        <p className={muted}>No consent events or flagged uses in this range.</p>
      ) : (
        <ol aria-label="Consent timeline, oldest first" className="border-l border-slate-200 dark:border-slate-700">
          {entries.map((entry) => (
            <li
              key={entry.eventId}
              data-testid={entry.kind === "use" ? "timeline-use" : "timeline-consent"}
              className={`relative ml-3 border-b border-slate-100 py-2 pl-3 last:border-b-0 dark:border-slate-800 ${
                entry.kind === "use" ? "bg-red-50/40 dark:bg-red-950/20" : ""
              }`}
            >
              <span
                aria-hidden="true"
                className={`absolute top-3.5 -left-[1.05rem] h-2 w-2 rounded-full ${
                  entry.kind === "use" ? "bg-red-600" : "bg-slate-400"
                }`}
              />
              <p className="mb-0.5 flex flex-wrap items-center justify-between gap-2">
                <time dateTime={entry.time.toISOString()} className="font-mono text-xs tabular-nums">
                  {formatUtc(entry.time)} UTC
                </time>
                <EventLinks entry={entry} />
              </p>
              {entry.kind === "use" ? <UseItem entry={entry} /> : <ConsentItem entry={entry} />}
              <PartyLine entry={entry} showUser={showUser} />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
