// Loads deterministic demo traffic into a tenant through the collector's ingest pipeline.
//
//   npm run seed -- [--events N] [--seed S] [--tenant demo] [--if-empty] [--batch-size 1000]
//
//   --events N      how many events (default 3,000); millions stream in batches
//   --seed S        generator seed (default 1); the same seed yields the same event ids, so a
//                   re-run reports duplicates instead of adding rows
//   --tenant SLUG   tenant to load into, created when missing (default demo)
//   --if-empty      do nothing when the tenant already has events (used by npm run dev)
//   --batch-size B  events per ingest call, 1–1000 (default 1000)
//
// Needs DATABASE_URL.
import { parseArgs } from "node:util";
import { disconnectDb, seedDemo } from "../lib/demo/seed";

const HELP = `Usage: npm run seed -- [--events N] [--seed S] [--tenant SLUG] [--if-empty] [--batch-size B]`;

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value.replaceAll("_", ""));
  if (!Number.isInteger(parsed) || parsed < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return parsed;
}

class UsageError extends Error {}

const fmt = (n: number) => n.toLocaleString("en-US");

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      events: { type: "string" },
      seed: { type: "string" },
      tenant: { type: "string", default: "demo" },
      "if-empty": { type: "boolean", default: false },
      "batch-size": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const events = integer("events", values.events, 3_000, 0);
  const seed = integer("seed", values.seed, 1, 0);
  const batchSize = integer("batch-size", values["batch-size"], 1_000, 1);
  let lastReport = Date.now();

  const summary = await seedDemo({
    seed,
    events,
    tenantSlug: values.tenant,
    ifEmpty: values["if-empty"],
    batchSize,
    onProgress: (p) => {
      if (Date.now() - lastReport < 2_000 || p.sent === p.total) return;
      lastReport = Date.now();
      const rate = Math.round(p.sent / (p.elapsedMs / 1000));
      console.error(
        `  ${fmt(p.sent)} / ${fmt(p.total)} events (${Math.round((100 * p.sent) / p.total)}%), ${fmt(rate)} events/s`,
      );
    },
  });

  const where = `tenant "${summary.tenant.slug}"${summary.tenant.created ? " (created)" : ""}`;
  if (summary.skipped) {
    console.log(`Seed skipped: ${where} already has events. ${summary.agents} agents, ${summary.users} users.`);
    return 0;
  }
  const seconds = summary.elapsedMs / 1000;
  console.log(
    `Seeded ${where} with seed ${seed} in ${seconds.toFixed(1)} s (${fmt(Math.round(summary.sent / seconds))} events/s):`,
  );
  console.log(
    `  events sent ${fmt(summary.sent)}, accepted ${fmt(summary.accepted)}, duplicates ${fmt(summary.duplicates)}, rejected ${fmt(summary.rejected)}`,
  );
  console.log(`  agents ${summary.agents}, users ${summary.users}`);
  if (summary.rejected > 0) {
    console.error(
      `Some demo events were rejected; the generator and the contract disagree:\n  ${summary.rejections.join("\n  ")}`,
    );
    return 1;
  }
  return 0;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
    if (usage) console.error(HELP);
    process.exitCode = usage ? 2 : 1;
  })
  .finally(() => disconnectDb());
