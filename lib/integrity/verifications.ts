import { prisma } from "../db";
import type { Finding } from "./verify-scan";

// Verification runs as recorded in integrity_verifications: started as "running", finished as
// ok, failed (tampering found) or error (could not finish). The overview and /integrity read them.

type Outcome = {
  status: "ok" | "failed";
  fromSeq: string;
  toSeq: string;
  eventsChecked: number;
  checkpointsChecked: number;
  unchained: number;
  findings: Finding[];
  truncated: boolean;
};

export type VerificationRun = {
  id: string;
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
  fromSeq: string | null;
  toSeq: string | null;
  eventsChecked: string;
  checkpointsChecked: number;
  status: string;
  findings: Finding[];
  summary: string | null;
};

export async function startVerification(
  tenantId: string,
  requestedBy: string,
  range: { fromSeq?: bigint; toSeq?: bigint },
): Promise<string> {
  const row = await prisma.integrityVerification.create({
    data: { tenantId, requestedBy, status: "running", fromSeq: range.fromSeq ?? null, toSeq: range.toSeq ?? null },
  });
  return row.id;
}

export function summaryOf(outcome: Outcome): string {
  const problems = outcome.findings.filter((f) => f.kind !== "unchained").length;
  const range = `seq ${outcome.fromSeq}–${outcome.toSeq}`;
  const parts = [
    `${outcome.eventsChecked} event(s) checked (${range}), ${outcome.checkpointsChecked} signed checkpoint(s)`,
    problems === 0 ? "no tampering found" : `${problems}${outcome.truncated ? "+" : ""} problem(s) found`,
  ];
  if (outcome.unchained > 0) parts.push(`${outcome.unchained} unchained event(s) not checkable`);
  return parts.join("; ");
}

export async function finishVerification(id: string, outcome: Outcome | Error): Promise<void> {
  const finishedAt = new Date();
  if (outcome instanceof Error) {
    await prisma.integrityVerification.update({
      where: { id },
      data: { status: "error", finishedAt, summary: `could not finish: ${outcome.message}`.slice(0, 2_000) },
    });
    return;
  }
  await prisma.integrityVerification.update({
    where: { id },
    data: {
      status: outcome.status,
      finishedAt,
      fromSeq: BigInt(outcome.fromSeq),
      toSeq: BigInt(outcome.toSeq),
      eventsChecked: BigInt(outcome.eventsChecked),
      checkpointsChecked: outcome.checkpointsChecked,
      findings: outcome.findings,
      summary: summaryOf(outcome),
    },
  });
}

type RunRow = Awaited<ReturnType<typeof prisma.integrityVerification.findFirstOrThrow>>;

function toRun(row: RunRow): VerificationRun {
  return {
    id: row.id,
    requestedBy: row.requestedBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    fromSeq: row.fromSeq?.toString() ?? null,
    toSeq: row.toSeq?.toString() ?? null,
    eventsChecked: row.eventsChecked.toString(),
    checkpointsChecked: row.checkpointsChecked,
    status: row.status,
    findings: row.findings as Finding[],
    summary: row.summary,
  };
}

/** The most recent runs of a tenant, newest first. */
export async function recentVerifications(tenantId: string, limit = 20): Promise<VerificationRun[]> {
  const rows = await prisma.integrityVerification.findMany({
    where: { tenantId },
    orderBy: { startedAt: "desc" },
    take: limit,
  });
  return rows.map(toRun);
}

/** The last finished run (ok, failed or error), for the overview card. */
export async function lastVerification(tenantId: string): Promise<VerificationRun | null> {
  const row = await prisma.integrityVerification.findFirst({
    where: { tenantId, status: { not: "running" } },
    orderBy: { startedAt: "desc" },
  });
  return row ? toRun(row) : null;
}
