// Sends request bodies to the HTTP collector and records per-request latency. A 429 is waited
// out (Retry-After) and retried; anything else but 200 fails the benchmark, since a number
// measured over failed requests means nothing.

export type CollectorTally = {
  accepted: number;
  duplicates: number;
  rejected: number;
  latenciesMs: number[];
  retries: number;
};

export function newTally(): CollectorTally {
  return { accepted: 0, duplicates: 0, rejected: 0, latenciesMs: [], retries: 0 };
}

export async function postBatch(baseUrl: string, key: string, body: string, tally: CollectorTally): Promise<void> {
  for (;;) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body,
    });
    const text = await response.text();
    const elapsed = performance.now() - started;
    if (response.status === 429) {
      tally.retries++;
      const wait = Number(response.headers.get("retry-after") ?? "1");
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
      continue;
    }
    if (response.status !== 200 && response.status !== 207) {
      throw new Error(`collector answered ${response.status}: ${text.slice(0, 500)}`);
    }
    const result = JSON.parse(text) as { accepted: number; duplicates: number; rejected: unknown[] };
    tally.accepted += result.accepted;
    tally.duplicates += result.duplicates;
    tally.rejected += result.rejected.length;
    tally.latenciesMs.push(elapsed);
    if (result.rejected.length > 0)
      throw new Error(`collector rejected demo events: ${JSON.stringify(result.rejected.slice(0, 2))}`);
    return;
  }
}
