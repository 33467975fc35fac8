import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { POST as postLogs } from "@/app/api/v1/otlp/v1/logs/route";
import { POST as postTraces } from "@/app/api/v1/otlp/v1/traces/route";

// For tests: a real HTTP server on 127.0.0.1 (a free port) whose handler calls the OTLP route
// handlers in-process, so the real OTel exporters send to Attest's code over real HTTP. Every
// request body is kept as it arrived, so a test can replay an export byte for byte.

export type Received = { path: string; headers: Record<string, string>; body: Buffer; status: number };

export type OtlpTestServer = {
  baseUrl: string;
  received: Received[];
  close: () => Promise<void>;
};

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Calls a route handler as Next would, with a raw body and headers. */
export function callOtlpRoute(path: string, headers: Record<string, string>, body: Uint8Array): Promise<Response> {
  const handler = path.endsWith("/v1/logs") ? postLogs : postTraces;
  return handler(new Request(`http://attest.test${path}`, { method: "POST", headers, body: body as BodyInit }));
}

export async function startOtlpTestServer(): Promise<OtlpTestServer> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers[name] = value;
      }
      const response = await callOtlpRoute(req.url ?? "", headers, body);
      received.push({ path: req.url ?? "", headers, body, status: response.status });
      const bytes = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(bytes);
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1/otlp`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
