import { createReadStream, createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { generateDemoBatches } from "../../lib/demo";

// The benchmark's input, written once before anything is timed: one JSON array (a request
// body) per line. Both runs stream it back, so neither pays for generating events and memory
// stays flat however many events are asked for.

export async function writeEventBatches(
  file: string,
  options: { seed: number; count: number; batchSize: number; tenant: string },
): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  let batches = 0;
  for (const batch of generateDemoBatches({ ...options, now: Date.now() })) {
    if (!out.write(`${JSON.stringify(batch)}\n`))
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    batches++;
  }
  out.end();
  await finished(out);
  return batches;
}

/** Request bodies, one per line, in file order. Safe to pull from several workers at once. */
export function readEventBatches(file: string): AsyncIterator<string> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  return lines[Symbol.asyncIterator]();
}

/** Runs `worker` on `concurrency` tasks that share one iterator until it is exhausted. */
export async function drainConcurrently(
  source: AsyncIterator<string>,
  concurrency: number,
  worker: (body: string) => Promise<void>,
): Promise<void> {
  // Async iterators queue concurrent next() calls, so each line goes to exactly one worker.
  const loop = async () => {
    for (let item = await source.next(); !item.done; item = await source.next()) await worker(item.value);
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}
