import { AttestClient } from "../index";

// Test-only child process for exit.test.ts: sends events and never calls flush or shutdown.
// MODE=return ends main normally; MODE=signal waits to be killed with SIGTERM.

function main() {
  const client = new AttestClient({
    endpoint: process.env.ATTEST_ENDPOINT ?? "",
    apiKey: process.env.ATTEST_KEY ?? "",
    flushIntervalMs: 60_000, // only the exit hooks can deliver these events
    initialBackoffMs: 10,
    maxBackoffMs: 50,
  });
  const ids: Array<string | null> = [];
  for (let n = 0; n < Number(process.env.COUNT ?? 10); n++) {
    ids.push(client.send({ type: "mcp.tool.called", actor: { type: "agent", id: "exit-bot" }, attributes: { n } }));
  }
  process.stdout.write(`${JSON.stringify(ids)}\n`);
  if (process.env.MODE === "signal") setInterval(() => {}, 1_000); // a process that runs until killed
}

main();
