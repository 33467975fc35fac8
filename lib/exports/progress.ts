import { prisma } from "../db";
import { log } from "../log";

// Progress of a running export, written to its row for the UI to poll: at most every 500 ms
// (a 1 M-event export reports hundreds of thousands of steps), but always when the phase
// changes. Writes are chained so they land in order, and a failed write never fails the job.

const MIN_INTERVAL_MS = 500;

export type ProgressWriter = {
  /** Records a step; written now if the phase changed or 500 ms have passed. */
  report: (phase: string, done: number, total: number) => void;
  /** Waits for every write so far. */
  flush: () => Promise<void>;
};

export function progressWriter(tenantId: string, exportId: string): ProgressWriter {
  let lastWrite = 0;
  let lastPhase: string | null = null;
  let latest: { phase: string; done: number; total: number } | null = null;
  let chain: Promise<void> = Promise.resolve();

  const write = () => {
    const step = latest;
    if (!step) return;
    latest = null;
    lastWrite = Date.now();
    lastPhase = step.phase;
    chain = chain.then(() =>
      prisma.reportExport
        .updateMany({
          where: { tenantId, id: exportId, status: "running" },
          data: { phase: step.phase, progressDone: BigInt(step.done), progressTotal: BigInt(step.total) },
        })
        .then(
          () => {},
          (error: unknown) => log.warn({ err: error, exportId }, "export progress not written"),
        ),
    );
  };

  return {
    report(phase, done, total) {
      latest = { phase, done: Math.max(0, Math.floor(done)), total: Math.max(0, Math.floor(total)) };
      if (phase !== lastPhase || Date.now() - lastWrite >= MIN_INTERVAL_MS) write();
    },
    async flush() {
      write();
      await chain;
    },
  };
}
