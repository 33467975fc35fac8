import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { startCollectorServer, storedIds } from "./testing/collector-server";

// Flush on exit: a child process (tsx) sends events and never calls flush; the exit hooks deliver.

let server: Awaited<ReturnType<typeof startCollectorServer>>;
beforeAll(async () => {
  server = await startCollectorServer();
});
afterAll(() => server.close());

function runChild(env: Record<string, string>, kill?: NodeJS.Signals) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "testing/exit-child.ts")], {
    cwd: path.resolve(import.meta.dirname, "../.."),
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
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; ids: string[]; stderr: string }>(
    (resolve) => {
      child.on("exit", (code, signal) => {
        clearTimeout(watchdog);
        const firstLine = stdout.split("\n")[0] ?? "[]";
        resolve({ code, signal, ids: firstLine ? JSON.parse(firstLine) : [], stderr });
      });
    },
  );
}

describe("flush on exit", () => {
  it("delivers buffered events when main returns, retrying a 503 on the way out", async () => {
    const { tenant, key } = await tenantWithKey("sdk-exit");
    server.failNext(1, 503);
    const result = await runChild({ ATTEST_ENDPOINT: server.endpoint, ATTEST_KEY: key, MODE: "return", COUNT: "25" });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.ids).toHaveLength(25);
    expect(await storedIds(tenant.id)).toEqual([...result.ids].sort());
  });

  it("delivers buffered events on SIGTERM, then ends by that signal", async () => {
    const { tenant, key } = await tenantWithKey("sdk-sigterm");
    const result = await runChild(
      { ATTEST_ENDPOINT: server.endpoint, ATTEST_KEY: key, MODE: "signal", COUNT: "30" },
      "SIGTERM",
    );
    expect(result.signal).toBe("SIGTERM");
    expect(result.ids).toHaveLength(30);
    expect(await storedIds(tenant.id)).toEqual([...result.ids].sort());
  });
});
