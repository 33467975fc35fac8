// One set of process hooks shared by every client: on beforeExit each client flushes; on
// SIGTERM/SIGINT each shuts down (bounded), then the signal is raised again so the process
// ends as Node would have ended it, unless the application listens for that signal itself.

export type ExitAware = {
  flushOnExit(): Promise<void>;
  shutdownOnSignal(): Promise<void>;
};

const clients = new Set<ExitAware>();
const SIGNALS = ["SIGTERM", "SIGINT"] as const;
let installed = false;

function onBeforeExit() {
  // Flushing starts network I/O, which keeps the loop alive; beforeExit fires again after it.
  for (const client of clients) void client.flushOnExit();
}

function onSignal(signal: NodeJS.Signals) {
  // Counted now: each client's shutdown unregisters it, which removes this listener.
  const appListens = process.listenerCount(signal) > 1;
  const pending = [...clients].map((client) => client.shutdownOnSignal());
  void Promise.allSettled(pending).then(() => {
    uninstall();
    if (!appListens) process.kill(process.pid, signal);
  });
}

function install() {
  if (installed) return;
  installed = true;
  process.on("beforeExit", onBeforeExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall() {
  if (!installed) return;
  installed = false;
  process.off("beforeExit", onBeforeExit);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

export function registerExitHooks(client: ExitAware): void {
  clients.add(client);
  install();
}

export function unregisterExitHooks(client: ExitAware): void {
  clients.delete(client);
  if (clients.size === 0) uninstall();
}
