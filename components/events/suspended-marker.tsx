// Shown next to an actor whose agent is suspended in the registry: in words, not only colour.
export function SuspendedMarker() {
  return (
    <span className="ml-1.5 rounded bg-red-100 px-1 py-0.5 text-[0.6875rem] font-semibold uppercase tracking-wide text-red-800 dark:bg-red-500/15 dark:text-red-300">
      suspended
    </span>
  );
}
