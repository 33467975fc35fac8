import { z } from "zod";

// Environment read and validated once. Scripts set DATABASE_URL before importing
// anything that touches the database (the dev launcher points it at embedded Postgres).
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Connections per process: the collector holds one per in-flight batch.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

// Read at call time, not from the cached env(): launchers (npm run dev, the benchmarks) set
// DATABASE_URL after modules that read env() at import (the logger) are loaded.
export function databaseUrl(): string {
  const url = schema.shape.DATABASE_URL.parse(process.env.DATABASE_URL);
  if (!url)
    throw new Error("DATABASE_URL is not set. Run `npm run dev` to use embedded Postgres, or set DATABASE_URL.");
  return url;
}
