"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { callRulesApi } from "./api";

// Deletes a rule as a new version of the rule set (any version, this one included, can be
// restored from the history), after a confirmation.
export function DeleteRuleButton({ ruleId, version }: { ruleId: string; version: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await callRulesApi("DELETE", `/api/v1/alert-rules/rules/${encodeURIComponent(ruleId)}`, undefined, version);
      router.push("/alerts/rules");
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <span className="ml-auto inline-flex items-center gap-2">
      <ConfirmAction
        confirming={confirming}
        busy={busy}
        label="Delete rule"
        ariaLabel={`Delete rule ${ruleId}`}
        prompt="Its alerts stay; the version history keeps it."
        confirmLabel="Confirm delete"
        onAsk={() => setConfirming(true)}
        onCancel={() => setConfirming(false)}
        onConfirm={remove}
      />
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}
