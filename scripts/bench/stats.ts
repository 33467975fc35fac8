// Small numeric helpers for the benchmark report.

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export type RunStats = {
  events: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  requests: number;
};

export function summarize(events: number, elapsedMs: number, latenciesMs: number[]): RunStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const seconds = elapsedMs / 1000;
  return {
    events,
    seconds,
    perSecond: events / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    requests: sorted.length,
  };
}

export const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
export const fmtMs = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : "-");

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("   ");
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** One timed read of bench:queries: `run` returns the number of rows it produced. */
export type BenchCase = { name: string; run: () => Promise<number>; target?: number };
