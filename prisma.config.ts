import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI downloads a native schema engine from a host these machines cannot reach.
// Our stand-in runs the WASM engine instead (see scripts/prisma/schema-engine.mjs);
// a machine with the native binary can still point this variable at it.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "scripts/prisma/schema-engine.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/attest",
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
