import { Card } from "@/components/ui/card";
import { FLAG_LABELS } from "@/lib/flags/types";
import type { ConsentTimelineEntry } from "@/lib/queries/consent-history";
import { FlagNote } from "./consent-status";
import { EventLinks, PartyLine } from "./consent-timeline";
import { formatUtc } from "./format";

// Every use in the range that the consent rules flag, with the sentence that says why.

export function FlaggedUses({
  uses,
  checked,
  capped,
  showUser,
}: {
  uses: ConsentTimelineEntry[];
  checked: number;
  capped: boolean;
  showUser: boolean;
}) {
  return (
    <Card title={`Flagged uses (${uses.length})`}>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
        {capped
          ? `Checked the latest ${checked.toLocaleString("en-US")} tool calls, resource reads, prompts and token uses in this range; older ones were not checked. Narrow the range to check them.`
          : `Checked ${checked.toLocaleString("en-US")} tool calls, resource reads, prompts and token uses in this range.`}
      </p>
      {uses.length === 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">No use in this range breaks a consent.</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {uses.map((use) => (
            <li key={use.eventId} className="py-2">
              <p className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span>
                  <time dateTime={use.time.toISOString()} className="font-mono text-xs tabular-nums">
                    {formatUtc(use.time)} UTC
                  </time>{" "}
                  <span className="font-mono text-xs font-medium">
                    {use.type}
                    {use.target ? ` ${use.target}` : ""}
                  </span>
                </span>
                <EventLinks entry={use} />
              </p>
              {use.flags.map((flag) => (
                <FlagNote key={flag.kind} label={FLAG_LABELS[flag.kind]} detail={flag.detail} />
              ))}
              <PartyLine entry={use} showUser={showUser} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
