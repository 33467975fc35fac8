// `npm run simulate`: real MCP traffic from real protocol parties on loopback (an OAuth 2.1
// authorization server on oidc-provider, an MCP server and MCP clients on the official SDK),
// every party reporting to a running Attest through the SDK. See README "Simulator".
//
//   npm run simulate -- --endpoint http://127.0.0.1:3000 --key <ingest key>
//       [--duration 60s] [--rate 2] [--seed 1] [--foreign-key <other tenant's key>]

import { parseArgs } from "node:util";

function duration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!match) throw new Error(`--duration: expected e.g. 60s, 2m or 500ms, got ${value}`);
  const unit = match[2] ?? "s";
  return Number(match[1]) * (unit === "ms" ? 1 : unit === "s" ? 1000 : 60_000);
}

const { values } = parseArgs({
  options: {
    endpoint: { type: "string" },
    key: { type: "string" },
    "foreign-key": { type: "string" },
    duration: { type: "string", default: "60s" },
    rate: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
  },
});

const endpoint = values.endpoint ?? process.env.ATTEST_URL ?? "http://127.0.0.1:3000";
const key = values.key ?? process.env.ATTEST_INGEST_KEY;
if (!key) {
  console.error(
    [
      "No ingest key. Create one for the tenant the traffic should land in, then pass it:",
      "  KEY=$(npm run -s attest -- keys create --tenant demo | tail -1)",
      "  npm run simulate -- --endpoint http://127.0.0.1:3000 --key $KEY",
      "(or set ATTEST_URL and ATTEST_INGEST_KEY). Add --foreign-key with another tenant's key to",
      "also record the other tenant's side of the cross-tenant case.",
    ].join("\n"),
  );
  process.exit(2);
}
const rate = Number(values.rate);
const seed = Number(values.seed);
if (!(rate > 0) || !Number.isInteger(seed)) {
  console.error("--rate must be a positive number and --seed an integer");
  process.exit(2);
}

const controller = { stopping: false };
const durationMs = duration(values.duration ?? "60s");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // Stop starting actions, let those in flight finish, then flush; a second signal aborts.
    controller.stopping = true;
    console.error(`${signal}: finishing the actions in flight and flushing (again to abort)`);
    process.once(signal, () => process.exit(130));
  });
}
// Loaded after the arguments are checked: oidc-provider prints its warnings when imported.
const { simulate } = await import("./simulate/run");

const summary = await simulate({
  endpoint,
  key,
  foreignKey: values["foreign-key"] ?? process.env.ATTEST_FOREIGN_INGEST_KEY,
  durationMs,
  rate,
  seed,
  shouldStop: () => controller.stopping,
  log: (line) => console.log(line),
});
console.log(
  `\n${summary.actions} user actions (${Object.entries(summary.byKind)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(
      ", ",
    )}); events sent ${summary.sent}, duplicates ${summary.duplicates}, rejected ${summary.rejected}, dropped ${summary.dropped}${
    summary.foreign ? `; other tenant: sent ${summary.foreign.sent}, dropped ${summary.foreign.dropped}` : ""
  }`,
);
if (summary.failures.length) console.log(`failed actions:\n  ${summary.failures.join("\n  ")}`);
process.exit(summary.failures.length || summary.dropped || summary.rejected ? 1 : 0);
