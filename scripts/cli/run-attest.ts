import { execFile } from "node:child_process";
import path from "node:path";

// Test helper: runs the real CLI as a child process against the test database, as operators do.
const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

export type Run = { code: number; stdout: string; stderr: string };

// Generous: each run starts tsx and the Prisma client, which is slow on a loaded CI machine.
const TIMEOUT_MS = 90_000;

export function attest(...args: string[]): Promise<Run> {
  return attestWithEnv(process.env, ...args);
}

/** The same, with its own environment (e.g. without DATABASE_URL, for offline commands). */
export function attestWithEnv(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(tsx, ["scripts/attest.ts", ...args], { cwd: root, env, timeout: TIMEOUT_MS }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
