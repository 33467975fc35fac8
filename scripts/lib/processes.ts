import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

// Child processes of the launchers (dev, test): run a project binary with inherited stdio,
// and stop whatever is running when the launcher itself is asked to stop.

export const projectRoot = path.resolve(import.meta.dirname, "../..");

export function bin(name: string): string {
  return path.join(projectRoot, "node_modules/.bin", name);
}

const running = new Set<ChildProcess>();

export function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { cwd: projectRoot, env, stdio: "inherit" });
  running.add(child);
  child.on("exit", () => running.delete(child));
  return child;
}

export function exited(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(128 + 1);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 + 1 : 1)));
  });
}

/** Runs a command to completion; resolves with its exit code. */
export function run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<number> {
  return exited(start(command, args, env));
}

/** SIGTERM to every running child, SIGKILL to those still alive after `graceMs`. */
export async function stopChildren(graceMs = 10_000): Promise<void> {
  const children = [...running];
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(
    children.map(async (child) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited(child).catch(() => {});
      clearTimeout(timer);
    }),
  );
}

/** Calls `cleanup` once on SIGINT, SIGTERM or SIGHUP, then exits with 128 + the signal number. */
export function onStopSignal(cleanup: () => Promise<void>): void {
  let stopping = false;
  const codes: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
  for (const [signal, code] of Object.entries(codes) as [NodeJS.Signals, number][]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      cleanup()
        .catch((error) => console.error(error))
        .finally(() => process.exit(code));
    });
  }
}

export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
