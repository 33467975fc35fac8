import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { startCollectorServer, storedIds } from "./testing/collector-server";

// Flush on exit: a child process (tsx) sends events and never calls flush; the exit hooks deliver.

let server: Awaited<ReturnType<typeof startCollectorServer>>;
beforeAll(async () => {
  server = await startCollectorServer();
});
afterAll(() => server.close());

const root = path.resolve(import.meta.dirname, "../..");

function runChild(env: Record<string, string>, kill?: NodeJS.Signals, script = "lib/sdk/testing/exit-child.ts") {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, script)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    if (kill && stdout.includes("\n")) child.kill(kill); // the events are buffered: now stop it
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  // A child that fails to exit must not outlive the test.
  const watchdog = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: unknown; stderr: string }>(
    (resolve) => {
      child.on("exit", (code, signal) => {
        clearTimeout(watchdog);
        const firstLine = stdout.split("\n")[0];
        resolve({ code, signal, output: firstLine ? JSON.parse(firstLine) : null, stderr });
      });
    },
  );
}

describe("the SDK in a child process", () => {
  it("delivers buffered events when main returns, retrying a 503 on the way out", async () => {
    const { tenant, key } = await tenantWithKey("sdk-exit");
    server.failNext(1, 503);
    const result = await runChild({ ATTEST_ENDPOINT: server.endpoint, ATTEST_KEY: key, MODE: "return", COUNT: "25" });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const ids = result.output as string[];
    expect(ids).toHaveLength(25);
    expect(await storedIds(tenant.id)).toEqual([...ids].sort());
  });

  it("delivers buffered events on SIGTERM, then ends by that signal", async () => {
    const { tenant, key } = await tenantWithKey("sdk-sigterm");
    const result = await runChild(
      { ATTEST_ENDPOINT: server.endpoint, ATTEST_KEY: key, MODE: "signal", COUNT: "30" },
      "SIGTERM",
    );
    expect(result.signal).toBe("SIGTERM");
    const ids = result.output as string[];
    expect(ids).toHaveLength(30);
    expect(await storedIds(tenant.id)).toEqual([...ids].sort());
  });

  it("runs the README's example (scripts/examples/sdk-send.ts): one trace, one correlation id", async () => {
    const { tenant, key } = await tenantWithKey("sdk-example");
    const result = await runChild(
      { ATTEST_URL: server.endpoint, ATTEST_KEY: key },
      undefined,
      "scripts/examples/sdk-send.ts",
    );
    expect(result.stderr).toBe("");
    expect(result.output).toMatchObject({ sent: 3, dropped: 0, rejected: 0 });
    const { correlationId, traceId } = result.output as { correlationId: string; traceId: string };
    const { rows } = await pool().query(
      "SELECT count(*)::int AS n FROM events WHERE tenant_id = $1 AND correlation_id = $2 AND trace_id = $3",
      [tenant.id, correlationId, traceId],
    );
    expect(rows[0]).toEqual({ n: 3 });
  });
});
