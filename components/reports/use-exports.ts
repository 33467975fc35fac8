"use client";

import { useQuery } from "@tanstack/react-query";
import type { ExportSummary } from "@/lib/exports/store";
import { isActive } from "./format";

// The tenant's exports, refreshed every second while any is queued or running, then left alone.
export const exportsQueryKey = ["reports", "exports"] as const;

async function fetchExports(): Promise<ExportSummary[]> {
  const response = await fetch("/api/v1/reports", { cache: "no-store" });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (payload as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `The exports could not be loaded (HTTP ${response.status}).`);
  }
  return (payload as { exports: ExportSummary[] }).exports;
}

export function useExports(initial: ExportSummary[]) {
  return useQuery({
    queryKey: exportsQueryKey,
    queryFn: fetchExports,
    initialData: initial,
    staleTime: 0,
    refetchInterval: (query) => ((query.state.data ?? []).some(isActive) ? 1_000 : false),
  });
}
