// One set of process hooks shared by every client: on beforeExit, SIGTERM or SIGINT each client
// shuts down (a flush bounded by its exitTimeoutMs). After a signal, the signal is raised again
// so the process ends as Node would have ended it, unless the application listens for it itself.

export type ExitAware = {
  shutdownOnExit(): Promise<void>;
};

const clients = new Set<ExitAware>();
const SIGNALS = ["SIGTERM", "SIGINT"] as const;
let installed = false;

function onBeforeExit() {
  // Sending keeps the loop alive until the clients are done; then the process exits.
  for (const client of clients) void client.shutdownOnExit();
}

function onSignal(signal: NodeJS.Signals) {
  // Counted now: each client's shutdown unregisters it, which removes this listener.
  const appListens = process.listenerCount(signal) > 1;
  const pending = [...clients].map((client) => client.shutdownOnExit());
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
