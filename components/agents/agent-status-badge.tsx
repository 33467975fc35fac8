// Status as text plus colour, never colour alone. Suspended stands out on purpose.
export function AgentStatusBadge({ status }: { status: string }) {
  const suspended = status === "suspended";
  return (
    <span
      data-testid="agent-status"
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${
        suspended
          ? "bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-500/15 dark:text-red-300 dark:ring-red-400/30"
          : "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/20"
      }`}
    >
      {suspended && <span aria-hidden="true">⏸</span>}
      {suspended ? "Suspended" : "Active"}
    </span>
  );
}
