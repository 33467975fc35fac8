"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { buttonClass, dangerButtonClass, inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";

// Suspend or reactivate an agent, for admins. A confirm dialog asks for the reason, which is
// recorded with the change as an event in the tenant's audit trail. The server checks the role
// again; this control is only shown to admins.
export function AgentStatusControl({
  agentId,
  agentName,
  status,
}: {
  agentId: string;
  agentName: string;
  status: string;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  const suspend = status !== "suspended";
  const action = suspend ? "Suspend agent" : "Reactivate agent";

  async function submit(form: HTMLFormElement) {
    setBusy(true);
    setError(null);
    const reason = String(new FormData(form).get("reason") ?? "").trim();
    try {
      const response = await fetch(`/api/v1/agents/${encodeURIComponent(agentId)}/status`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: suspend ? "suspended" : "active", ...(reason ? { reason } : {}) }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? `The change failed (HTTP ${response.status}).`);
        return;
      }
      dialog.current?.close();
      form.reset();
      router.refresh();
    } catch {
      setError("The server could not be reached; nothing was changed.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className={suspend ? dangerButtonClass : primaryButtonClass}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {action}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-desc`}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit(event.currentTarget);
          }}
        >
          <h2 id={`${ids}-title`} className="text-base font-semibold">
            {suspend ? `Suspend ${agentName}?` : `Reactivate ${agentName}?`}
          </h2>
          <p id={`${ids}-desc`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {suspend
              ? "The agent is marked suspended across Attest. The change and your reason are recorded as an agent.suspended event in this tenant's audit trail."
              : "The agent is marked active again. The change and your reason are recorded as an agent.updated event in this tenant's audit trail."}
          </p>
          <label className={`${labelClass} mt-4`}>
            Reason
            <textarea
              name="reason"
              rows={3}
              maxLength={1000}
              required={suspend}
              className={`${inputClass} mt-1`}
              placeholder={suspend ? "e.g. Unexpected bulk exports, investigating" : "e.g. Investigation closed"}
            />
          </label>
          {error && (
            <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          )}
          <div className="mt-5 flex justify-end gap-2">
            <button type="button" className={buttonClass} onClick={() => dialog.current?.close()} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className={suspend ? dangerButtonClass : primaryButtonClass} disabled={busy}>
              {busy ? "Saving…" : suspend ? "Confirm suspension" : "Confirm reactivation"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
