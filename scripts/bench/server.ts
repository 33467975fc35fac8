import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

// Builds (when needed) and runs the production Next.js server the collector benchmark talks
// to, on a free loopback port, in its own process group so stopping it leaves nothing behind.

const root = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(root, "node_modules/.bin/next");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function runToEnd(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(nextBin, args, { cwd: root, env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`next ${args.join(" ")} exited with ${code}`)),
    );
  });
}

/** `next build` unless a production build is already there (or `force`). */
export async function ensureBuild(force: boolean): Promise<boolean> {
  // ATTEST_DIST_DIR (next.config.ts) lets a benchmark build apart from `next dev`'s .next.
  const distDir = process.env.ATTEST_DIST_DIR || ".next";
  if (!force && existsSync(path.join(root, distDir, "BUILD_ID"))) return false;
  await runToEnd(["build"], { ...process.env, NODE_ENV: "production" });
  return true;
}

export type AppServer = { baseUrl: string; stop(): Promise<void> };

export async function startApp(env: Record<string, string>): Promise<AppServer> {
  const port = await freePort();
  const child = spawn(nextBin, ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, ...env, NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 100) log.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child);
  try {
    await waitForCollector(baseUrl, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- next start output ---\n${log.join("").slice(-4000)}`);
  }
  return { baseUrl, stop };
}

async function waitForCollector(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      // Unauthenticated on purpose: a 401 proves the collector route is built and serving.
      const response = await fetch(`${baseUrl}/api/v1/events`, {
        method: "POST",
        body: "[]",
        headers: { "content-type": "application/json" },
      });
      if (response.status === 401) return;
      if (response.status === 404) throw new Error("the build has no /api/v1/events route; rerun with --build");
    } catch (error) {
      if ((error as Error).message.includes("--build")) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the collector did not answer within ${timeoutMs / 1000} s`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {}
  }, 5_000);
  await exited;
  clearTimeout(timer);
}
