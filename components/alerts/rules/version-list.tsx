import type { RuleSetVersion } from "@/lib/alerts/rules/store";
import { formatUtc } from "./api";
import { DiffView } from "./diff-view";
import { RestoreButton } from "./restore-button";

// Every version of the rule set, newest first: number, when, who, from where (ui, api or
// restore), its note and what it changed. Admins and analysts may restore any older version.

const SOURCE_LABELS: Record<RuleSetVersion["source"], string> = {
  ui: "dashboard",
  api: "API",
  restore: "restore",
};

export function VersionList({ versions, canManage }: { versions: RuleSetVersion[]; canManage: boolean }) {
  const current = versions[0]?.version;
  return (
    <ol aria-label="Rule set versions" className="space-y-3">
      {versions.map((version, index) => {
        // Rule names as of this version, or (for removed rules) the version before it.
        const names = new Map(
          [...(versions[index + 1]?.ruleSet.rules ?? []), ...version.ruleSet.rules].map((r) => [r.id, r.name]),
        );
        return (
          <li
            key={version.version}
            id={`v${version.version}`}
            data-testid="rule-version"
            className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          >
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">
                Version {version.version}
                {version.version === current && (
                  <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-900 dark:bg-sky-950 dark:text-sky-200">
                    in force
                  </span>
                )}
              </h2>
              {canManage && version.version !== current && <RestoreButton version={version.version} />}
            </div>
            <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
              <time dateTime={new Date(version.createdAt).toISOString()}>{formatUtc(new Date(version.createdAt))}</time>{" "}
              · by <span className="font-medium text-slate-800 dark:text-slate-200">{version.actor}</span> · via{" "}
              {SOURCE_LABELS[version.source]}
              {version.message && <> · {version.message}</>} · {version.ruleSet.rules.length} rules
            </p>
            <DiffView diff={version.diff} names={names} />
          </li>
        );
      })}
    </ol>
  );
}
