"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callRulesApi } from "./api";

// Enables or disables one rule, as a new version of the rule set. It states the value it
// wants, so it sends no If-Match: toggling never undoes someone else's concurrent edit.
export function EnabledToggle({ ruleId, ruleName, enabled }: { ruleId: string; ruleName: string; enabled: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await callRulesApi("PATCH", `/api/v1/alert-rules/rules/${encodeURIComponent(ruleId)}`, { enabled: !enabled });
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        aria-label={`Enabled: ${ruleName}`}
        disabled={busy}
        onClick={toggle}
        className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full border transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-50 ${
          enabled
            ? "border-sky-700 bg-sky-700"
            : "border-slate-400 bg-slate-200 dark:border-slate-600 dark:bg-slate-700"
        }`}
      >
        <span
          aria-hidden="true"
          className={`inline-block h-3.5 w-3.5 rounded-full bg-white shadow transition-transform ${enabled ? "translate-x-4" : "translate-x-0.5"}`}
        />
      </button>
      <span className="text-xs">{enabled ? "On" : "Off"}</span>
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}
