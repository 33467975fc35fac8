import Link from "next/link";
import { lastVerification } from "@/lib/integrity/verifications";
import { formatTime, problemCount } from "./format";

// The overview's one line on integrity: "Integrity: last verified <time> — OK / N problems",
// or "never verified", linking to /integrity. A server component.
export async function IntegrityCard({ tenantId }: { tenantId: string }) {
  const run = await lastVerification(tenantId);
  const problems = run ? problemCount(run) : 0;
  const verdict = !run
    ? null
    : run.status === "ok"
      ? "OK"
      : run.status === "failed"
        ? `${problems} problem${problems === 1 ? "" : "s"}`
        : "could not finish";
  const tone = !run
    ? "text-slate-700 dark:text-slate-300"
    : run.status === "ok"
      ? "text-emerald-700 dark:text-emerald-400"
      : "text-red-700 dark:text-red-400";
  return (
    <Link
      href="/integrity"
      data-testid="integrity-card"
      className="mt-3 flex flex-wrap items-center gap-x-2 rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm shadow-sm hover:border-sky-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-sky-500"
    >
      <span className="font-medium text-slate-900 dark:text-slate-100">Integrity:</span>
      {run ? (
        <span>
          last verified {formatTime(run.finishedAt ?? run.startedAt)} —{" "}
          <span className={`font-semibold ${tone}`} data-testid="integrity-card-verdict">
            {verdict}
          </span>
        </span>
      ) : (
        <span className={tone} data-testid="integrity-card-verdict">
          never verified
        </span>
      )}
      <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">Details →</span>
    </Link>
  );
}
