// A consent decision as text plus colour, so it never depends on colour alone.
const tones: Record<string, string> = {
  requested: "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-500/10 dark:text-slate-300",
  granted:
    "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/20",
  denied:
    "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/20",
  revoked: "bg-red-50 text-red-800 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/20",
  expired: "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-500/10 dark:text-slate-300",
};

export function ConsentStatus({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status] ?? tones.requested}`}
    >
      {status}
    </span>
  );
}

/** A finding on a use: its label in bold, then the sentence with the numbers. */
export function FlagNote({ label, detail }: { label: string; detail: string }) {
  return (
    <p
      role="note"
      className="mt-1 rounded border border-red-300 bg-red-50 px-2 py-1 text-xs text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
    >
      <strong className="font-semibold">⚑ {label}.</strong> {detail}
    </p>
  );
}

export function ScopeList({ scopes }: { scopes: string[] }) {
  if (scopes.length === 0) return <span className="text-xs text-slate-600 dark:text-slate-400">none recorded</span>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {scopes.map((scope) => (
        <code
          key={scope}
          className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200"
        >
          {scope}
        </code>
      ))}
    </span>
  );
}
