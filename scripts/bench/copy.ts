import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { normalizeEvent } from "../../lib/contract/normalize";
import { pool } from "../../lib/db";
import { EVENT_COLUMNS, toEventRow } from "../../lib/ingest/rows";
import { validateEvent } from "../../lib/ingest/validate";
import { readEventBatches } from "./events-file";

// The baseline: the same rows the collector would store (validated, normalized and shaped by
// the collector's own toEventRow), written with raw COPY and nothing else: no dedupe, no
// tenant lock, no registry merges. Rows are prepared into a file before the clock starts.

const COPY_SQL = `COPY events (${EVENT_COLUMNS.join(", ")}) FROM STDIN`;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A value in COPY's text format: \N for null, backslash escapes for the separators. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] as string);
}

/** Writes one COPY text line per event, in file order, numbering seq from 1. Returns the row count. */
export async function prepareCopyRows(batchesFile: string, rowsFile: string, tenantId: string): Promise<number> {
  const out = createWriteStream(rowsFile);
  const receivedAt = new Date().toISOString();
  const batches = readEventBatches(batchesFile);
  let seq = 0;
  for (let line = await batches.next(); !line.done; line = await batches.next()) {
    const rows: string[] = [];
    for (const raw of JSON.parse(line.value) as unknown[]) {
      const checked = validateEvent(raw);
      if (!checked.ok) throw new Error(`benchmark event rejected: ${JSON.stringify(checked.errors)}`);
      const row = toEventRow(normalizeEvent(checked.event), tenantId, ++seq, receivedAt);
      rows.push(EVENT_COLUMNS.map((column) => copyValue(row[column])).join("\t"));
    }
    if (!out.write(`${rows.join("\n")}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  out.end();
  await finished(out);
  return seq;
}

/** COPY payloads of `batchSize` rows each, read from a prepared rows file. */
export async function* copyPayloads(rowsFile: string, batchSize: number): AsyncGenerator<string> {
  const lines = readEventBatches(rowsFile);
  let chunk: string[] = [];
  for (let line = await lines.next(); !line.done; line = await lines.next()) {
    chunk.push(line.value);
    if (chunk.length === batchSize) {
      yield `${chunk.join("\n")}\n`;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield `${chunk.join("\n")}\n`;
}

/** One COPY statement (its own transaction, as each collector request is). */
export async function copyBatch(payload: string): Promise<void> {
  const client = await pool().connect();
  try {
    await pipeline(Readable.from([payload]), client.query(copyFrom(COPY_SQL)));
  } finally {
    client.release();
  }
}
