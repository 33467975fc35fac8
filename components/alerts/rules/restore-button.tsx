"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { callRulesApi } from "./api";

// Makes an old version the rule set in force again, as a new version (source "restore").
export function RestoreButton({ version }: { version: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function restore() {
    setBusy(true);
    setError(null);
    try {
      await callRulesApi("POST", `/api/v1/alert-rules/versions/${version}/restore`);
      setConfirming(false);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <ConfirmAction
        confirming={confirming}
        busy={busy}
        label="Restore"
        ariaLabel={`Restore version ${version}`}
        prompt={`Make version ${version}'s rules the rules in force?`}
        confirmLabel={`Restore version ${version}`}
        onAsk={() => setConfirming(true)}
        onCancel={() => setConfirming(false)}
        onConfirm={restore}
      />
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}
