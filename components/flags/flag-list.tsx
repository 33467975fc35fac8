import { FLAG_LABELS, type Flag } from "@/lib/flags/types";

// Findings about an event, in words first: the label says what is wrong, the detail gives
// the numbers. Red border and a warning sign, never colour alone.

export function FlagList({ flags, compact = false }: { flags: readonly Flag[]; compact?: boolean }) {
  if (flags.length === 0) return null;
  return (
    <ul aria-label="Findings" className="space-y-1.5">
      {flags.map((flag, index) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: one event may carry the same kind twice (two approvals)
          key={`${flag.kind}-${index}`}
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
        >
          <span aria-hidden="true">⚠ </span>
          <strong className="font-semibold">{FLAG_LABELS[flag.kind]}</strong>
          {!compact && <span className="block text-xs">{flag.detail}</span>}
        </li>
      ))}
    </ul>
  );
}
