import { formatUtc } from "@/components/policies/format";
import type { AlertNote } from "@/lib/alerts/inbox";

const KIND_TEXT: Record<AlertNote["kind"], string> = { note: "noted", status: "changed status", assign: "assignment" };

// Who did what to the alert, oldest first: notes, status changes and assignments (append-only).
export function NotesTimeline({ notes }: { notes: AlertNote[] }) {
  if (notes.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">Nobody has handled this alert yet.</p>;
  return (
    <ol className="space-y-3 border-l border-slate-200 pl-4 dark:border-slate-800" aria-label="Alert history">
      {notes.map((n) => (
        <li key={n.id} data-testid="alert-note" className="text-sm">
          <p className="text-xs text-slate-600 dark:text-slate-400">
            <time dateTime={n.createdAt.toISOString()} className="font-mono">
              {formatUtc(n.createdAt)} UTC
            </time>{" "}
            · {n.author} {KIND_TEXT[n.kind]}
          </p>
          <p
            className={
              n.kind === "note"
                ? "mt-0.5 whitespace-pre-wrap text-slate-900 dark:text-slate-100"
                : "mt-0.5 text-slate-700 dark:text-slate-300"
            }
          >
            {n.body}
          </p>
        </li>
      ))}
    </ol>
  );
}
