"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { primaryButtonClass } from "@/components/ui/styles";

// Runs a verification of the whole chain (GET /api/v1/integrity/verify), then re-renders the
// page so the new run heads the list. Only rendered for roles with integrity:verify; the
// route checks the role again.
export function VerifyNowButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  async function verify() {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/v1/integrity/verify", { cache: "no-store" });
      if (!response.ok) {
        const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(payload?.error?.message ?? `Verification failed (HTTP ${response.status}).`);
      }
      startTransition(() => router.refresh());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex items-center gap-2">
      <button type="button" className={primaryButtonClass} onClick={verify} disabled={busy} aria-busy={busy}>
        {busy ? "Verifying…" : "Verify now"}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
