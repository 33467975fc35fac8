import type { VerificationRun } from "@/lib/integrity/verifications";

/** "2026-11-28 10:03 UTC": the same on server and client. */
export function formatTime(iso: string | null, empty = "never"): string {
  if (!iso) return empty;
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Problems in a run: findings that are tampering, not the "unchained" warning. */
export function problemCount(run: Pick<VerificationRun, "findings">): number {
  return run.findings.filter((finding) => finding.kind !== "unchained").length;
}

/** "OK", "3 problems", "error", "running" — the words a person reads first. */
export function verdict(run: Pick<VerificationRun, "status" | "findings">): string {
  if (run.status === "ok") return "OK";
  if (run.status === "failed") {
    const n = problemCount(run);
    return `${n} problem${n === 1 ? "" : "s"}`;
  }
  return run.status === "running" ? "running" : "error";
}

export function verdictTone(status: string): string {
  if (status === "ok") return "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300";
  if (status === "running") return "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300";
  return "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300";
}
