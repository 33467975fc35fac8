import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { POST } from "@/app/api/v1/events/route";
import { pool } from "@/lib/db";

// Test-only (not part of the vendorable SDK): a real HTTP server on 127.0.0.1:0 whose handler
// calls the real collector route against real Postgres, with switches that inject failures.

type Fault =
  | { kind: "status"; status: number; headers?: Record<string, string> }
  | { kind: "dropAfterCommit" }
  | { kind: "stall" };

export type RecordedRequest = { at: number; events: number; answered: number | "dropped" };

export async function startCollectorServer() {
  const faults: Fault[] = [];
  const requests: RecordedRequest[] = [];
  const stalled: Array<() => void> = [];

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const record: RecordedRequest = { at: performance.now(), events: countEvents(body), answered: 0 };
    requests.push(record);
    const fault = faults.shift();
    if (fault?.kind === "stall") await new Promise<void>((resolve) => stalled.push(resolve));
    if (fault?.kind === "status") {
      record.answered = fault.status;
      res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
      res.end(JSON.stringify({ error: { code: "injected", message: `injected ${fault.status}` } }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers[name] = value;
    const response = await POST(new Request("http://attest.test/api/v1/events", { method: "POST", headers, body }));
    const text = await response.text();
    if (fault?.kind === "dropAfterCommit") {
      // The collector committed the batch; the client never learns it and must retry.
      record.answered = "dropped";
      req.socket.destroy();
      return;
    }
    record.answered = response.status;
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    /** Answer `status` (with optional headers, e.g. Retry-After) to the next `times` requests. */
    failNext(times: number, status: number, headers?: Record<string, string>) {
      for (let i = 0; i < times; i++) faults.push({ kind: "status", status, headers });
    },
    /** Store the next `times` requests, then drop the connection without answering. */
    dropAfterCommitNext(times: number) {
      for (let i = 0; i < times; i++) faults.push({ kind: "dropAfterCommit" });
    },
    /** Hold the next request until `release()`. */
    stallNext() {
      faults.push({ kind: "stall" });
    },
    release() {
      for (const resume of stalled.splice(0)) resume();
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function countEvents(body: Buffer): number {
  try {
    const parsed = JSON.parse(body.toString("utf8"));
    return Array.isArray(parsed) ? parsed.length : -1;
  } catch {
    return -1;
  }
}

/** Stored rows and distinct event ids of one tenant: equal counts mean no duplicates. */
export async function storedCounts(tenantId: string) {
  const { rows } = await pool().query<{ total: number; distinct: number }>(
    "SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM events WHERE tenant_id = $1",
    [tenantId],
  );
  return rows[0] ?? { total: 0, distinct: 0 };
}

export async function storedIds(tenantId: string): Promise<string[]> {
  const { rows } = await pool().query<{ event_id: string }>(
    "SELECT event_id FROM events WHERE tenant_id = $1 ORDER BY event_id",
    [tenantId],
  );
  return rows.map((row) => row.event_id);
}
