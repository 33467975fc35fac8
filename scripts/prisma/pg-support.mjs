// PostgreSQL plumbing for the schema-engine stand-in: connection configs built from discrete
// fields, database create/drop/probe with `pg`, and a patched @prisma/adapter-pg factory.
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const require = createRequire(import.meta.url);
// pg-connection-string is what `pg` itself uses to read URLs; resolve it next to `pg`.
const { parse: parseConnectionString } = createRequire(require.resolve("pg"))("pg-connection-string");

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" type (e.g. pg_constraint.contype)
const PG_TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

/**
 * Turns a postgres:// URL into a pg PoolConfig made of discrete fields (never `connectionString`,
 * which would override `database` when adapter-pg derives the shadow database pool from it).
 * Returns the Prisma-only `?schema=` parameter separately.
 */
export function poolConfigFromUrl(url) {
  const parsed = parseConnectionString(url);
  const config = {
    host: parsed.host || undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.user || undefined,
    password: parsed.password || undefined,
    database: parsed.database || undefined,
  };
  if (parsed.ssl !== undefined) config.ssl = parsed.ssl;
  if (parsed.options) config.options = parsed.options;
  if (parsed.application_name) config.application_name = parsed.application_name;
  const connectTimeout = Number(parsed.connect_timeout ?? 0);
  if (connectTimeout > 0) config.connectionTimeoutMillis = connectTimeout * 1000;
  for (const key of Object.keys(config)) if (config[key] === undefined) delete config[key];
  return { config, schema: parsed.schema || undefined };
}

export function quoteIdent(name) {
  return `"${String(name).replaceAll('"', '""')}"`;
}

/** Runs `fn(client)` with a single connection to `database` on the server described by `config`. */
export async function withClient(config, database, fn) {
  const client = new pg.Client({ ...config, database });
  client.on("error", () => {}); // surfaced through the failing query instead
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Maintenance connection: `postgres` database of the same server, falling back to template1. */
export async function withMaintenanceClient(config, fn) {
  try {
    return await withClient(config, "postgres", fn);
  } catch (error) {
    if (error?.code !== "3D000") throw error;
    return await withClient(config, "template1", fn);
  }
}

export async function createDatabase(config, name) {
  await withMaintenanceClient(config, async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (error) {
      if (error?.code !== "42P04") throw error; // created concurrently: fine
    }
  });
}

export async function dropDatabase(config, name) {
  await withMaintenanceClient(config, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}

/**
 * Drops a database once nobody uses it any more: without FORCE, retried for up to `waitMs`
 * (SQLSTATE 55006 "being accessed by other users"). For the shadow database: the engine may
 * still be finishing a statement on it when it disposes the adapter, and a forced drop would
 * kill that statement (seen as "57P01 terminating connection" failing `migrate dev`). If it is
 * still busy after the wait, it is left behind rather than killed; its name says what it is.
 */
export async function dropDatabaseWhenIdle(config, name, waitMs = 15_000) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await withMaintenanceClient(config, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`));
      return;
    } catch (error) {
      if (error?.code !== "55006" || Date.now() > deadline) {
        process.stderr.write(`note: could not drop ${name} (${error?.message ?? error}); drop it by hand\n`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Maps a pg/network error to the Prisma error code the CLI understands (P1003 = no database). */
export function prismaErrorFor(error, config) {
  const where = `${config.host ?? "localhost"}:${config.port ?? 5432}`;
  const code = error?.code;
  if (code === "3D000")
    return {
      code: "P1003",
      message: `Database \`${config.database}\` does not exist on the database server at \`${where}\`.`,
    };
  if (code === "28P01" || code === "28000")
    return {
      code: "P1000",
      message: `Authentication failed against database server at \`${where}\`: ${error.message}`,
    };
  if (["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "ENOENT"].includes(code))
    return { code: "P1001", message: `Can't reach database server at \`${where}\`.` };
  return { code: undefined, message: error?.message ?? String(error) };
}

let adapterPatched = false;

/**
 * Patches the (unexported) query class of adapter-pg once:
 *  - OID 18 "char" result columns (e.g. pg_constraint.contype) are reported as Character
 *    (ColumnTypeEnum 6) instead of failing; mapping them to Text alone makes PG 18 panic.
 *  - executeScript sends the whole script in one simple-protocol query instead of splitting on
 *    ";" (which breaks plpgsql bodies such as our append-only trigger function).
 */
async function patchAdapter() {
  if (adapterPatched) return;
  adapterPatched = true;
  const probe = await new PrismaPg({ host: "127.0.0.1" }).connect(); // Pool connects lazily
  const adapterProto = Object.getPrototypeOf(probe);
  const queryableProto = Object.getPrototypeOf(adapterProto);
  await probe.dispose();

  // adapter-pg throws on result columns of unknown type, so report "char" columns as text to it
  // (their values already arrive as strings), then mark them as Character in the result.
  const charColumnsByRows = new WeakMap();
  const performIO = queryableProto.performIO;
  queryableProto.performIO = async function (query) {
    const result = await performIO.call(this, query);
    const charColumns = [];
    result?.fields?.forEach((field, i) => {
      if (field.dataTypeID !== PG_CHAR_OID) return;
      field.dataTypeID = PG_TEXT_OID;
      charColumns.push(i);
    });
    if (charColumns.length > 0 && result.rows) charColumnsByRows.set(result.rows, charColumns);
    return result;
  };
  const queryRaw = queryableProto.queryRaw;
  queryableProto.queryRaw = async function (query) {
    const result = await queryRaw.call(this, query);
    for (const i of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  adapterProto.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
}

/**
 * A driver adapter factory for the WASM schema engine. The shadow database is a fresh
 * temporary database on the server of `shadowDatabaseUrl` (or the main URL), dropped after use
 * with the pool closed first, once no connection uses it.
 */
export async function createAdapterFactory({ url, shadowDatabaseUrl }) {
  await patchAdapter();
  const main = poolConfigFromUrl(url);
  const shadow = shadowDatabaseUrl ? poolConfigFromUrl(shadowDatabaseUrl) : main;
  const factory = new PrismaPg(main.config, main.schema ? { schema: main.schema } : undefined);
  factory.connectToShadowDb = async () => {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await createDatabase(shadow.config, name);
    const pool = new pg.Pool({ ...shadow.config, database: name });
    const adapter = await new PrismaPg(pool, main.schema ? { schema: main.schema } : undefined).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose().catch(() => {});
      await pool.end().catch(() => {});
      await dropDatabaseWhenIdle(shadow.config, name);
    };
    return adapter;
  };
  return factory;
}
