#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which the Prisma CLI downloads from a
// host these machines cannot reach. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here.
//
// It speaks the binary's protocol (see node_modules/prisma/build/cli.js, class around
// "starting Schema engine with binary"):
//   schema-engine.mjs [--datamodels <path>]... [--datasource <json {url, shadowDatabaseUrl}>]
//     -> JSON-RPC 2.0 on stdin/stdout, one message per line; methods are the WASM
//        SchemaEngine methods; `diff` output goes back as a `print` request before the result.
//   schema-engine.mjs --datasource <json> cli can-connect-to-database|create-database|drop-database
//     -> exit code 0 = ok; errors as JSON log lines on stderr (the CLI skips the first line).
//   schema-engine.mjs --version
// Logs are JSON lines on stderr: {timestamp, level, fields: {message, error_code?}, target}.
//
// Under the hood it runs @prisma/schema-engine-wasm with @prisma/adapter-pg (patched, see
// pg-support.mjs). The WASM engine cannot create databases, so `pg` does that directly.
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import {
  createAdapterFactory,
  createDatabase,
  dropDatabase,
  poolConfigFromUrl,
  prismaErrorFor,
  withClient,
} from "./pg-support.mjs";
import { createSchemaEngine, lastPanicMessage, wasmVersion } from "./wasm-engine.mjs";

const TARGET = "schema_engine::logger";

function log(level, message, extra = {}) {
  const line = { timestamp: new Date().toISOString(), level, fields: { message, ...extra }, target: TARGET };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

function parseArgs(argv) {
  const args = { datamodels: [], datasource: {}, rest: [], version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--datamodels") args.datamodels.push(argv[++i]);
    else if (arg === "--datasource") args.datasource = JSON.parse(argv[++i]);
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++;
    else if (arg === "--version" || arg === "-V") args.version = true;
    else args.rest.push(arg);
  }
  return args;
}

// ---------------------------------------------------------------- one-shot `cli` commands

async function runCliCommand(command, datasource) {
  log("INFO", `Starting schema engine stand-in (cli ${command})`);
  if (!datasource.url)
    throw Object.assign(new Error("No datasource url given (--datasource)"), { prismaCode: "P1012" });
  const { config } = poolConfigFromUrl(datasource.url);
  if (!config.database) throw new Error("The datasource url names no database");
  switch (command) {
    case "can-connect-to-database":
      await withClient(config, config.database, (client) => client.query("SELECT 1"));
      return;
    case "create-database":
      await createDatabase(config, config.database);
      process.stdout.write(`${JSON.stringify({ databaseName: config.database })}\n`);
      return;
    case "drop-database":
      await dropDatabase(config, config.database);
      return;
    default:
      throw new Error(`Unknown cli command: ${command}`);
  }
}

async function cliMain(command, datasource) {
  try {
    await runCliCommand(command, datasource);
    process.exit(0);
  } catch (error) {
    const config = datasource.url ? poolConfigFromUrl(datasource.url).config : {};
    const { code, message } = error.prismaCode
      ? { code: error.prismaCode, message: error.message }
      : prismaErrorFor(error, config);
    log("ERROR", message, code ? { error_code: code } : {});
    process.exit(1);
  }
}

// ---------------------------------------------------------------- JSON-RPC server

function writeMessage(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function rpcError(error) {
  const panic = error?.name === "RuntimeError";
  const message = panic ? (lastPanicMessage() ?? String(error.message)) : String(error?.message ?? error);
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: panic
      ? { is_panic: true, message, backtrace: error.stack, error: { message } }
      : { is_panic: false, message, meta: error?.meta ?? null, error_code: error?.code ?? null },
  };
}

async function serve({ datamodels, datasource }) {
  const schemaFiles = await Promise.all(datamodels.map(async (path) => [path, await readFile(path, "utf8")]));
  let enginePromise;
  const engine = () => {
    enginePromise ??= (async () => {
      if (!datasource.url) throw new Error("No datasource url given (--datasource)");
      const adapterFactory = await createAdapterFactory(datasource);
      return createSchemaEngine({
        datamodels: schemaFiles,
        adapterFactory,
        onLog: (line) => {
          for (const part of String(line).split("\n")) {
            if (!part.trim()) continue;
            try {
              process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), ...JSON.parse(part) })}\n`);
            } catch {
              log("INFO", part);
            }
          }
        },
      });
    })();
    return enginePromise;
  };

  // Requests we send to the CLI (only `print`), awaiting its response.
  let nextOutgoingId = 1;
  const outgoing = new Map();
  const requestCli = (method, params) =>
    new Promise((resolve, reject) => {
      const id = `engine-${nextOutgoingId++}`;
      outgoing.set(id, { resolve, reject });
      writeMessage({ jsonrpc: "2.0", id, method, params });
    });

  // createMigration/evaluateDataLoss never touch a shadow database themselves: the WASM engine
  // takes the schema of the migration history from a cache (MigrationSchemaCache, keyed by a hash
  // of the migration directories) and otherwise fails with "PostgreSQL shadow DB must be provided
  // through an external factory". Only devDiagnostic/diagnoseMigrationHistory fill that cache,
  // through the adapter factory's shadow database, and they key it by the migrations *applied to
  // the database at that moment*. `migrate dev` runs devDiagnostic -> applyMigrations ->
  // evaluateDataLoss -> createMigration -> applyMigrations in one process, so when the database
  // was behind (fresh database, a teammate's new migration), the cached entry is for the applied
  // subset and evaluateDataLoss misses. So: re-diagnose whenever the database's migration state
  // may have changed since the last diagnosis (or the migrations list differs).
  let diagnosedMigrations;
  const ensureDiagnosed = async (e, params) => {
    const key = JSON.stringify(params.migrationsList);
    if (diagnosedMigrations === key) return;
    await e.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
    diagnosedMigrations = key;
  };
  const forgetDiagnosis = () => {
    diagnosedMigrations = undefined;
  };

  const handlers = {
    async createDatabase(params) {
      const url = params?.datasource?.tag === "ConnectionString" ? params.datasource.url : datasource.url;
      const { config } = poolConfigFromUrl(url);
      await createDatabase(config, config.database);
      return { databaseName: config.database };
    },
    async getDatabaseVersion(params) {
      return (await engine()).version(params?.datasource ? params : undefined);
    },
    async version(params) {
      return (await engine()).version(params?.datasource ? params : undefined);
    },
    async devDiagnostic(params) {
      const result = await (await engine()).devDiagnostic(params);
      diagnosedMigrations = JSON.stringify(params.migrationsList);
      return result;
    },
    async createMigration(params) {
      const e = await engine();
      await ensureDiagnosed(e, params);
      return e.createMigration(params);
    },
    async evaluateDataLoss(params) {
      const e = await engine();
      await ensureDiagnosed(e, params);
      return e.evaluateDataLoss(params);
    },
    async diff(params) {
      const result = await (await engine()).diff(params);
      if (result.stdout != null) await requestCli("print", { content: result.stdout });
      return { ...result, stdout: null };
    },
    async applyMigrations(params) {
      let result;
      try {
        result = await (await engine()).applyMigrations(params);
        return result;
      } finally {
        if (result?.appliedMigrationNames?.length !== 0) forgetDiagnosis(); // also when it failed midway
      }
    },
    async markMigrationApplied(params) {
      forgetDiagnosis();
      return (await engine()).markMigrationApplied(params);
    },
    async markMigrationRolledBack(params) {
      forgetDiagnosis();
      return (await engine()).markMigrationRolledBack(params);
    },
    async reset(params) {
      forgetDiagnosis();
      await (await engine()).reset(params);
      return {};
    },
    async dbExecute(params) {
      await (await engine()).dbExecute(params);
      return {};
    },
    async debugPanic() {
      (await engine()).debugPanic();
      return {};
    },
  };
  const passthrough = [
    "diagnoseMigrationHistory",
    "ensureConnectionValidity",
    "introspect",
    "introspectSql",
    "schemaPush",
  ];

  // Some WASM failures (e.g. malformed params) are thrown from a callback instead of rejecting
  // the pending promise. Answer the request in flight, then exit like the binary after a panic.
  let inFlight;
  process.on("uncaughtException", (error) => {
    log("ERROR", String(error?.stack ?? error));
    if (inFlight?.id !== undefined) writeMessage({ jsonrpc: "2.0", id: inFlight.id, error: rpcError(error) });
    process.stdout.write("", () => process.exit(error?.name === "RuntimeError" ? 101 : 1));
  });

  async function handleRequest({ id, method, params }) {
    inFlight = { id, method };
    try {
      let result;
      if (handlers[method]) result = await handlers[method](params);
      else if (passthrough.includes(method)) result = await (await engine())[method](params);
      else {
        if (id !== undefined)
          writeMessage({ jsonrpc: "2.0", id, error: { code: -32601, message: `Method not found: ${method}` } });
        return;
      }
      if (id !== undefined) writeMessage({ jsonrpc: "2.0", id, result: result ?? {} });
    } catch (error) {
      log("ERROR", String(error?.message ?? error), error?.code ? { error_code: error.code } : {});
      if (id !== undefined) writeMessage({ jsonrpc: "2.0", id, error: rpcError(error) });
    } finally {
      inFlight = undefined;
    }
  }

  // The CLI sends one request at a time; handle them in order anyway.
  let queue = Promise.resolve();
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      writeMessage({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    if (message.method === undefined && outgoing.has(message.id)) {
      const pending = outgoing.get(message.id);
      outgoing.delete(message.id);
      if (message.error) pending.reject(new Error(message.error.message));
      else pending.resolve(message.result);
      return;
    }
    queue = queue.then(() => handleRequest(message));
  });
  // The CLI closes stdin when it is done. The WASM engine leaves timers behind (e.g. a 10 s one
  // after applyMigrations), so exit explicitly instead of waiting for the event loop to drain.
  lines.on("close", () => {
    queue.finally(() => process.exit(0));
  });
}

// ---------------------------------------------------------------- main

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  process.stdout.write(`schema-engine-cli ${await wasmVersion()} (WASM stand-in, scripts/prisma/schema-engine.mjs)\n`);
  process.exit(0);
} else if (args.rest[0] === "cli") {
  await cliMain(args.rest[1], args.datasource);
} else {
  await serve(args);
}
