"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

// The state every settings table shares for its row actions (revoke, remove, rotate…): which
// row is busy, which row awaits confirmation, and the last error, refreshed from the server
// after each action.

export function useRowActions<C = string>(options: { refreshOnError?: boolean } = {}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<C | null>(null);

  /** Runs `work` for the row `key`; on success closes the confirmation and re-renders the page. */
  async function run(key: string, work: () => Promise<void>) {
    setBusy(key);
    setError(null);
    try {
      await work();
      setConfirming(null);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
      if (options.refreshOnError) router.refresh();
    } finally {
      setBusy(null);
    }
  }

  return { error, busy, confirming, setConfirming, run };
}

export function ActionError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-red-700 dark:text-red-400">
      {error}
    </p>
  );
}
