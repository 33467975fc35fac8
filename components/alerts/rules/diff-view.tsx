import type { RuleSetDiff } from "@/lib/alerts/rules/diff";

// What one version changed: rules added and removed, and for each changed rule its fields
// before → after (values as they read in the JSON form of the rule set).

const MAX_VALUE = 160;
function show(value: unknown): string {
  if (value === undefined) return "(none)";
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

export function DiffView({ diff, names }: { diff: RuleSetDiff; names: Map<string, string> }) {
  const label = (id: string) => (names.has(id) ? `${id} (${names.get(id)})` : id);
  const empty = !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.reordered;
  if (empty) return <p className="text-xs text-slate-600 dark:text-slate-400">No changes.</p>;
  return (
    <ul className="space-y-1 text-sm">
      {diff.added.map((id) => (
        <li key={`+${id}`}>
          <span className="font-semibold text-emerald-800 dark:text-emerald-300">Added</span>{" "}
          <span className="font-mono text-xs">{label(id)}</span>
        </li>
      ))}
      {diff.removed.map((id) => (
        <li key={`-${id}`}>
          <span className="font-semibold text-red-800 dark:text-red-300">Removed</span>{" "}
          <span className="font-mono text-xs">{label(id)}</span>
        </li>
      ))}
      {diff.changed.map(({ id, changes }) => (
        <li key={`~${id}`}>
          <span className="font-semibold text-amber-800 dark:text-amber-300">Changed</span>{" "}
          <span className="font-mono text-xs">{label(id)}</span>
          <ul className="ml-4 mt-0.5 space-y-0.5">
            {changes.map((change) => (
              <li key={change.field} className="font-mono text-xs">
                {change.field}: <del className="text-red-800 dark:text-red-300">{show(change.before)}</del> →{" "}
                <ins className="text-emerald-800 no-underline dark:text-emerald-300">{show(change.after)}</ins>
              </li>
            ))}
          </ul>
        </li>
      ))}
      {diff.reordered && <li className="text-xs text-slate-600 dark:text-slate-400">Rules reordered.</li>}
    </ul>
  );
}
