import type { VerificationRun } from "@/lib/integrity/verifications";
import { verdict, verdictTone } from "./format";

export function VerdictBadge({ run }: { run: Pick<VerificationRun, "status" | "findings"> }) {
  return (
    <span
      data-testid="verdict"
      className={`inline-flex rounded px-1.5 py-0.5 text-xs font-semibold ${verdictTone(run.status)}`}
    >
      {verdict(run)}
    </span>
  );
}
