"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { buttonClass, inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";

// Handling an alert, for admins and analysts (the page shows this to them only; the API checks
// the role again). Each button posts one action; the server records it in the alert's history,
// and the page re-renders from the server.

type Action =
  | { action: "acknowledge" | "resolve" | "reopen" }
  | { action: "assign"; assignee: string | null }
  | { action: "note"; body: string };

export function AlertActions({
  alertId,
  status,
  assignee,
  me,
}: {
  alertId: string;
  status: string;
  assignee: string | null;
  me: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const ids = useId();

  async function run(body: Action): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/v1/alerts/${encodeURIComponent(alertId)}/actions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        const json = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(json?.error?.message ?? `The change failed (HTTP ${response.status}).`);
        return false;
      }
      router.refresh();
      return true;
    } catch {
      setError("The server could not be reached; nothing was changed.");
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-label="Handle this alert" className="space-y-4">
      <div className="flex flex-wrap gap-2">
        {status === "open" && (
          <button
            type="button"
            className={primaryButtonClass}
            disabled={busy}
            onClick={() => run({ action: "acknowledge" })}
          >
            Acknowledge
          </button>
        )}
        {status !== "resolved" && (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => run({ action: "resolve" })}>
            Resolve
          </button>
        )}
        {status !== "open" && (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => run({ action: "reopen" })}>
            Reopen
          </button>
        )}
        {assignee === me ? (
          <button
            type="button"
            className={buttonClass}
            disabled={busy}
            onClick={() => run({ action: "assign", assignee: null })}
          >
            Unassign
          </button>
        ) : (
          <button
            type="button"
            className={buttonClass}
            disabled={busy}
            onClick={() => run({ action: "assign", assignee: me })}
          >
            Assign to me
          </button>
        )}
        {assignee && assignee !== me && (
          <button
            type="button"
            className={buttonClass}
            disabled={busy}
            onClick={() => run({ action: "assign", assignee: null })}
          >
            Unassign
          </button>
        )}
      </div>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (note.trim() && (await run({ action: "note", body: note }))) setNote("");
        }}
      >
        <label htmlFor={`${ids}-note`} className={labelClass}>
          Note
        </label>
        <textarea
          id={`${ids}-note`}
          rows={3}
          maxLength={4000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          className={`${inputClass} mt-1`}
          placeholder="What you found, what you did"
        />
        <button type="submit" className={`${buttonClass} mt-2`} disabled={busy || !note.trim()}>
          Add note
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </section>
  );
}
