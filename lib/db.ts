import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseUrl, env } from "./env";
import { PrismaClient } from "./generated/prisma/client";

// The one Prisma client, and the one pg pool under it. The pool is exported only for
// hot paths (bulk ingest) that need a raw multi-row statement inside a transaction.
type Db = { pool: pg.Pool; prisma: PrismaClient };

const globalForDb = globalThis as unknown as { attestDb?: Db };

function createDb(): Db {
  const pool = new pg.Pool({
    connectionString: databaseUrl(),
    max: env().DATABASE_POOL_SIZE,
    connectionTimeoutMillis: 5_000,
    // Attest's statements are short or index-driven; Postgres' JIT compiles for 20–100 ms
    // whenever a plan looks expensive (a 7-day aggregate, a 1,000-row insert) and rarely wins
    // that back. bench:queries measures with this setting.
    options: "-c jit=off",
  });
  // An idle client that loses its server must not crash the process; the next query fails instead.
  pool.on("error", () => {});
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

function db(): Db {
  globalForDb.attestDb ??= createDb();
  return globalForDb.attestDb;
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, prop) => {
    const client = db().prisma;
    const value = Reflect.get(client, prop);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export function pool(): pg.Pool {
  return db().pool;
}

export async function disconnectDb(): Promise<void> {
  const current = globalForDb.attestDb;
  globalForDb.attestDb = undefined;
  if (!current) return;
  await current.prisma.$disconnect();
  await current.pool.end().catch(() => {});
}
